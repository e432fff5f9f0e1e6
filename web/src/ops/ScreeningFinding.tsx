import type { ReactNode } from 'react';
import { Badge, DateTime } from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { MarkedText } from './triage/Subject.tsx';
import './screening-finding.css';

/** A lexicon entry that fired on a text, counted or not (and why not). */
export interface FindingHit {
  category: string;
  term: string;
  severity: 'low' | 'high';
  match: string;
  span: number[];
  counted: boolean;
  notCounted: string | null;
}

/** A category the model scored, with the surface's thresholds it was held against. */
export interface FindingScore {
  category: string;
  score: number;
  flagged: boolean;
  high: boolean;
  flagAt: number | null;
  highAt: number | null;
}

/** What one screening found: the surface, the verdict, the versions, the hits and the model's scores. */
export interface Finding {
  surface: string | null;
  risk: string;
  categories: string[];
  lexiconVersion: number;
  modelVersion: string;
  hits: FindingHit[];
  model: FindingScore[];
}

const RISK_TONE: Record<string, string> = { high: 'bad', medium: 'warn', low: 'neutral', none: 'good' };
const score = (n: number) => n.toFixed(2);

/**
 * A screening explained for ops (issue 17): the text with every match marked; each lexicon entry that
 * fired with its category, severity and whether it counted (or why not: negated, a disclaimer, not on
 * this surface, a fact); each category the model scored against the surface's flag and block
 * thresholds; the surface and the lexicon and model versions.
 */
export function ScreeningFinding({
  text,
  finding,
  at,
  label,
  heading,
  children,
}: {
  text: string;
  finding: Finding;
  at?: string;
  label: string;
  heading: ReactNode;
  children?: ReactNode;
}) {
  const { t, tEnum } = useI18n();
  const termName = (term: string) =>
    term.startsWith('pattern:') ? (
      tEnum('ops.evidence.pattern.', term.slice('pattern:'.length), t('ops.evidence.pattern.other'))
    ) : (
      <span className="o-term" title={term} data-raw>
        {term}
      </span>
    );
  return (
    <article className="card stack o-finding" aria-label={label}>
      <div className="row">{heading}</div>
      {children}
      <dl className="o-dl">
        <dt>{t('ops.evidence.surface')}</dt>
        <dd>
          {finding.surface ? tEnum('ops.evidence.surface.', finding.surface) : t('ops.evidence.anySurface')}
        </dd>
        <dt>{t('ops.evidence.risk')}</dt>
        <dd>
          <Badge tone={RISK_TONE[finding.risk] ?? 'neutral'}>{tEnum('ops.risk.', finding.risk)}</Badge>
        </dd>
        <dt>{t('ops.evidence.categories')}</dt>
        <dd>
          {finding.categories.length
            ? finding.categories.map((c) => tEnum('ops.screening.', c)).join('、')
            : t('ops.evidence.noCategories')}
        </dd>
        <dt>{t('ops.evidence.versions')}</dt>
        <dd>
          {t('ops.evidence.lexiconVersion', { version: finding.lexiconVersion })} ·{' '}
          {finding.modelVersion === 'none' ? (
            t('ops.evidence.noModel')
          ) : (
            <span data-raw>{t('ops.evidence.modelVersion', { version: finding.modelVersion })}</span>
          )}
        </dd>
        {at ? (
          <>
            <dt>{t('ops.evidence.at')}</dt>
            <dd>
              <DateTime value={at} />
            </dd>
          </>
        ) : null}
      </dl>
      <h4>{t('ops.evidence.text')}</h4>
      <blockquote className="o-quote" data-user-text>
        <MarkedText text={text} spans={finding.hits.map((h) => h.span)} />
      </blockquote>
      <h4>{t('ops.evidence.hits')}</h4>
      {finding.hits.length ? (
        <table aria-label={t('ops.evidence.hits')}>
          <thead>
            <tr>
              <th>{t('ops.evidence.col.match')}</th>
              <th>{t('ops.evidence.col.term')}</th>
              <th>{t('ops.evidence.col.category')}</th>
              <th>{t('ops.evidence.col.severity')}</th>
              <th>{t('ops.evidence.col.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {finding.hits.map((h) => (
              <tr key={`${h.term}@${h.span[0]}-${h.span[1]}`}>
                <td>
                  <mark data-user-text>{text.slice(h.span[0] ?? 0, h.span[1] ?? 0)}</mark>
                </td>
                <td>{termName(h.term)}</td>
                <td>{tEnum('ops.screening.', h.category)}</td>
                <td>
                  <Badge tone={h.severity === 'high' ? 'bad' : 'warn'}>
                    {t(`ops.evidence.severity.${h.severity}` as MessageKey)}
                  </Badge>
                </td>
                <td>
                  {h.counted ? (
                    <Badge tone="bad">{t('ops.evidence.counted')}</Badge>
                  ) : (
                    <Badge>
                      {h.notCounted
                        ? tEnum('ops.evidence.notCounted.', h.notCounted, t('ops.evidence.notCounted'))
                        : t('ops.evidence.notCounted')}
                    </Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('ops.evidence.noHits')}</p>
      )}
      <h4>{t('ops.evidence.model')}</h4>
      {finding.model.length ? (
        <table aria-label={t('ops.evidence.model')}>
          <thead>
            <tr>
              <th>{t('ops.evidence.col.modelCategory')}</th>
              <th>{t('ops.evidence.col.score')}</th>
              <th>{t('ops.evidence.col.flagAt')}</th>
              <th>{t('ops.evidence.col.highAt')}</th>
              <th>{t('ops.evidence.col.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {finding.model.map((m) => (
              <tr key={m.category}>
                <td>{tEnum('ops.screening.', m.category)}</td>
                <td className="o-score">
                  <strong>{score(m.score)}</strong>
                </td>
                <td className="o-score">
                  {m.flagAt === null ? t('ops.evidence.noThreshold') : score(m.flagAt)}
                </td>
                <td className="o-score">
                  {m.highAt === null ? t('ops.evidence.noThreshold') : score(m.highAt)}
                </td>
                <td>
                  {m.high ? (
                    <Badge tone="bad">{t('ops.evidence.model.high')}</Badge>
                  ) : m.flagged ? (
                    <Badge tone="warn">{t('ops.evidence.model.flagged')}</Badge>
                  ) : (
                    <span className="hint">{t('ops.evidence.model.below')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">
          {finding.modelVersion === 'none' ? t('ops.evidence.noModel') : t('ops.evidence.noScores')}
        </p>
      )}
    </article>
  );
}
