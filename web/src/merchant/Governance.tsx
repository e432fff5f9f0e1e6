import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../common/feedback.tsx';
import { useAction, useLoad, useNow } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, Countdown, DateTime, ErrorMessage, Form, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead, Progress, Tile } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { Violation } from './types.ts';

const VIOLATION_TONE: Record<Violation['state'], string> = {
  warned: 'warn',
  enforced: 'bad',
  fixed: 'ok',
  reversed: 'ok',
};

/** Days of the points window (configuration `governance.pointsWindowMs`), from where it starts now. */
function windowDays(since: string): number {
  return Math.round((Date.now() - new Date(since).getTime()) / 86_400_000);
}

/** /merchant/governance: points over the window, penalties in force, violations to fix or appeal. */
export function GovernancePage() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  // ?state=warned: only the warnings still to fix (the home's to-do links here)
  const [params, setParams] = useSearchParams();
  const warnedOnly = params.get('state') === 'warned';
  const governance = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/governance', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  const violations = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/violations', {
          params: {
            path: { id: shop.id },
            query: { limit: 100, ...(warnedOnly ? { state: 'warned' } : {}) },
          },
        }),
      ),
    [api, shop.id, warnedOnly],
  );
  return (
    <section>
      <PageHead title={t('merchant.gov.title')} />
      <SkeletonLoadState loaded={governance} rows={4}>
        {(g) => (
          <div className="card stack">
            <div className="m-tiles">
              <Tile label={t('merchant.gov.points', { days: windowDays(g.pointsSince) })}>{g.points}</Tile>
              <Tile label={t('merchant.gov.openWarnings')}>{g.openWarnings}</Tile>
              <Tile label={t('merchant.gov.activePenalties')}>{g.activePenalties.length}</Tile>
              <Tile label={t('merchant.onboarding.state')}>{tEnum('merchant.shop.state.', g.shopState)}</Tile>
            </div>
            <p className="hint">
              {t('merchant.gov.pointsSince')} <DateTime value={g.pointsSince} />
            </p>
            {g.nextMilestone ? (
              <>
                <p>
                  {t('merchant.gov.nextMilestone', {
                    points: g.nextMilestone.points,
                    action: tEnum('merchant.gov.milestoneAction.', g.nextMilestone.action),
                    days: g.nextMilestone.days ?? '—',
                  })}
                </p>
                <Progress
                  ratio={g.points / g.nextMilestone.points}
                  label={t('merchant.gov.points', { days: windowDays(g.pointsSince) })}
                />
              </>
            ) : null}
            {g.activePenalties.length > 0 ? (
              <>
                <h3>{t('merchant.gov.restrictions')}</h3>
                <ul>
                  {g.activePenalties.map((p) => (
                    <li key={p.id}>
                      <strong>{tEnum('merchant.penalty.', p.kind)}</strong> · <DateTime value={p.startsAt} />{' '}
                      → {p.endsAt ? <DateTime value={p.endsAt} /> : t('merchant.gov.untilLifted')}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="notice">{t('merchant.gov.noRestrictions')}</p>
            )}
          </div>
        )}
      </SkeletonLoadState>
      <div className="m-page-head">
        <h3>{t('merchant.gov.violations')}</h3>
        <label className="row">
          <input
            type="checkbox"
            checked={warnedOnly}
            onChange={(e) => setParams(e.target.checked ? { state: 'warned' } : {}, { replace: true })}
          />
          {t('merchant.gov.warnedOnly')}
        </label>
      </div>
      <SkeletonLoadState loaded={violations} rows={4}>
        {(page) =>
          page.items.length === 0 ? (
            warnedOnly ? (
              <EmptyState title={t('merchant.gov.emptyWarned')} hint={t('merchant.gov.emptyWarnedHint')} />
            ) : (
              <EmptyState title={t('merchant.gov.emptyAll')} hint={t('merchant.gov.emptyAllHint')} />
            )
          ) : (
            <div className="stack">
              {page.items.map((v) => (
                <ViolationCard
                  key={v.id}
                  violation={v}
                  onChange={(next) => {
                    violations.set({ ...page, items: page.items.map((x) => (x.id === next.id ? next : x)) });
                    governance.reload();
                  }}
                />
              ))}
            </div>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function ViolationCard({ violation: v, onChange }: { violation: Violation; onChange(v: Violation): void }) {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const now = useNow(30_000);
  const toast = useToast();
  const [text, setText] = useState('');
  const path = { id: shop.id, violationId: v.id };
  const fix = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/shops/{id}/violations/{violationId}/fix', { params: { path } }),
    );
    onChange(next);
    toast.success(t('merchant.gov.toast.fixed'));
    return next;
  });
  const appeal = useAction(async () => {
    const filed = await unwrap(
      api.POST('/api/v1/shops/{id}/violations/{violationId}/appeals', {
        params: { path },
        body: { text: text.trim() },
      }),
    );
    onChange({ ...v, appeals: [...v.appeals, filed] });
    setText('');
    toast.success(t('merchant.gov.toast.appealed'));
    return filed;
  });
  const canFix = v.state === 'warned' && v.fixBy !== null && new Date(v.fixBy).getTime() > now;
  const pendingAppeal = v.appeals.some((a) => a.state === 'pending');
  const canAppeal =
    (v.state === 'warned' || v.state === 'enforced') &&
    new Date(v.appealBy).getTime() > now &&
    v.appeals.length < 2 &&
    !pendingAppeal;
  return (
    <article className="card stack" aria-label={t('merchant.gov.violationNo', { id: v.id })}>
      <div className="row">
        <strong>{t('merchant.gov.violationNo', { id: v.id })}</strong>
        <Badge tone={VIOLATION_TONE[v.state]}>{tEnum('merchant.violationState.', v.state)}</Badge>
        <Badge tone={v.severity === 'serious' ? 'bad' : 'warn'}>
          {tEnum('merchant.severity.', v.severity)}
        </Badge>
        <span>{t('merchant.gov.pointsN', { n: v.points })}</span>
        <small className="hint">
          <DateTime value={v.createdAt} /> · {tEnum('merchant.violationSource.', v.source)}
        </small>
      </div>
      <p>{v.description[lang]}</p>
      {v.evidence.text ? (
        <p className="hint">
          {t('merchant.gov.evidence')} {v.evidence.text}
        </p>
      ) : null}
      {v.penalties.length > 0 ? (
        <p>
          {t('merchant.gov.penalties')}{' '}
          {v.penalties
            .map(
              (p) => `${tEnum('merchant.penalty.', p.kind)}（${tEnum('merchant.penaltyState.', p.state)}）`,
            )
            .join('、')}
        </p>
      ) : null}
      {v.appeals.map((a) => (
        <p key={a.id} className={a.state === 'upheld' ? 'notice' : 'hint'}>
          {t('merchant.gov.appealN', { n: a.attempt })} {tEnum('merchant.appealState.', a.state)} · {a.text}
          {a.decisionReason ? ` — ${a.decisionReason}` : ''}
        </p>
      ))}
      {canFix ? (
        <div className="row">
          <Button onClick={() => void fix.run()} busy={fix.busy}>
            {t('merchant.gov.markFixed')}
          </Button>
          <span>
            {t('merchant.gov.fixBy')} <Countdown deadline={v.fixBy} />
          </span>
          <ErrorMessage error={fix.error} />
        </div>
      ) : null}
      {canAppeal ? (
        <Form className="form" label={t('merchant.gov.appeal')} onSubmit={() => appeal.run()}>
          <TextArea
            label={t('merchant.gov.appealText')}
            name="text"
            rows={2}
            required
            value={text}
            hint={t('merchant.gov.appealHint', { left: 2 - v.appeals.length })}
            onChange={(e) => setText(e.target.value)}
            error={appeal.error}
          />
          <div className="row">
            <Button type="submit" kind="secondary" busy={appeal.busy}>
              {t('merchant.gov.appeal')}
            </Button>
            <span className="hint">
              {t('merchant.gov.appealBy')} <Countdown deadline={v.appealBy} />
            </span>
          </div>
          <ErrorMessage error={appeal.error} />
        </Form>
      ) : null}
    </article>
  );
}
