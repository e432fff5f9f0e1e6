import { type ReactNode, useState } from 'react';
import { type Api, unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, Empty, LoadState, SelectField, useWording } from '../common/ui.tsx';
import { systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';

/** The page heading with its actions on the right. */
export function PageHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="row" style={{ justifyContent: 'space-between' }}>
      <h2>{title}</h2>
      {children ? <div className="row">{children}</div> : null}
    </div>
  );
}

/**
 * A queue shown one state at a time (the first of `states` to begin with, chosen in the heading),
 * each entry drawn by `entry` with a reload for after a decision. `load` is a module-level function.
 */
export function StateQueue<S extends string, T extends { id: number }>({
  title,
  states,
  stateLabels,
  load,
  empty,
  entry,
}: {
  title: string;
  states: readonly [S, ...S[]];
  /** The message prefix of the states' names, e.g. `ops.appealState.`. */
  stateLabels: string;
  load: (api: Api, state: S) => Promise<{ items: T[] }>;
  empty: string;
  entry: (item: T, reload: () => void) => ReactNode;
}) {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<S>(states[0]);
  const list = useLoad(() => load(api, state), [api, state]);
  return (
    <section className="stack">
      <PageHead title={title}>
        <SelectField
          label={t('common.state')}
          name="state"
          value={state}
          onChange={(e) => setState(e.target.value as S)}
        >
          {states.map((s) => (
            <option key={s} value={s}>
              {tEnum(stateLabels, s)}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <LoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((item) => (
                <li key={item.id}>{entry(item, list.reload)}</li>
              ))}
            </ul>
          ) : (
            <Empty>{empty}</Empty>
          )
        }
      </LoadState>
    </section>
  );
}

const OUTCOME_TONE: Record<string, string> = { allow: 'ok', review: 'warn', block: 'bad' };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { tEnum } = useI18n();
  return <Badge tone={OUTCOME_TONE[outcome] ?? 'neutral'}>{tEnum('ops.outcome.', outcome)}</Badge>;
}

/** A rule's reason in the current language. */
export function useLocalized() {
  const { lang } = useI18n();
  return (text: { zh: string; en: string } | null | undefined) => (text ? text[lang] : '');
}

/** Fired rules of a decision: the reason in words, with the rule id. */
export function FiredRules({
  fired,
}: {
  fired: { id: string; outcome: string; reason: { zh: string; en: string } }[];
}) {
  const { t } = useI18n();
  const localized = useLocalized();
  if (!fired.length) return <span className="hint">{t('ops.decision.noneFired')}</span>;
  return (
    <ul className="o-fired">
      {fired.map((f) => (
        // the rule's id is for rule admins: a tooltip, not text
        <li key={f.id} title={f.id}>
          <OutcomeBadge outcome={f.outcome} /> {localized(f.reason)}
        </li>
      ))}
    </ul>
  );
}

/** The features a decision read: screening categories and risk in words, other values as they are. */
export function Features({ features }: { features: Record<string, unknown> }) {
  const { t, tEnum } = useI18n();
  const entries = Object.entries(features);
  if (!entries.length) return <span className="hint">{t('common.none')}</span>;
  return (
    <dl className="o-dl">
      {entries.map(([key, value]) => (
        <FeatureRow key={key} name={key}>
          {key === 'screening_categories' && Array.isArray(value)
            ? value.length
              ? value.map((c) => tEnum('ops.screening.', String(c))).join('、')
              : t('common.none')
            : key === 'screening_risk'
              ? tEnum('ops.risk.', String(value))
              : formatValue(t, value)}
        </FeatureRow>
      ))}
    </dl>
  );
}

/** A feature's name in words: velocity counters (`buyer.comments_1h`) and blacklist links included. */
export function useFeatureLabel() {
  const { t, tEnum } = useI18n();
  return (name: string): string => {
    const velocity = /^([a-z_]+)\.([a-z_]+)_(1h|24h|7d|30d|90d)$/.exec(name);
    if (velocity) {
      const [, entity = '', counter = '', window = ''] = velocity;
      return t('ops.feature.velocity', {
        entity: tEnum('ops.entity.', entity),
        counter: tEnum('ops.counter.', counter),
        window: tEnum('ops.window.', window),
      });
    }
    const link = /^blacklisted\.([a-z_]+)$/.exec(name);
    if (link) return t('ops.feature.blacklisted', { link: tEnum('ops.entity.', link[1]) });
    return tEnum('ops.feature.', name, name);
  };
}

function FeatureRow({ name, children }: { name: string; children: ReactNode }) {
  const label = useFeatureLabel();
  return (
    <>
      <dt>{label(name)}</dt>
      <dd>{children}</dd>
    </>
  );
}

function formatValue(t: ReturnType<typeof useI18n>['t'], value: unknown): string {
  if (value === true) return t('common.yes');
  if (value === false) return t('common.no');
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : t('common.none');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Yuan typed by a person → fen (NaN stays NaN so the server names the field). */
export function yuanToFen(text: string): number {
  return Math.round(Number(text) * 100);
}

/** A rule condition in one line: `screening_risk == "high"`, `(a > 1 OR b > 2)`, `NOT (…)`. */
export function conditionText(when: unknown): string {
  if (typeof when !== 'object' || when === null) return JSON.stringify(when);
  const node = when as Record<string, unknown>;
  if (Array.isArray(node.all)) return `(${node.all.map(conditionText).join(' AND ')})`;
  if (Array.isArray(node.any)) return `(${node.any.map(conditionText).join(' OR ')})`;
  if ('not' in node) return `NOT ${conditionText(node.not)}`;
  if (typeof node.feature === 'string')
    return `${node.feature} ${String(node.op)} ${JSON.stringify(node.value)}`;
  return JSON.stringify(when);
}

/** A shop's name (its number until the name has loaded, or when it cannot be read). */
export function ShopName({ id }: { id: number }) {
  const { t } = useI18n();
  const { api } = useSession();
  const shop = useLoad(() => unwrap(api.GET('/api/v1/shops/{id}', { params: { path: { id } } })), [api, id]);
  return <span>{shop.data?.name ?? t('ops.appeals.shop', { id })}</span>;
}

/** A note: the platform's own in the reader's language, a person's as they wrote it. */
export function NoteText({ note }: { note: string | null | undefined }) {
  const w = useWording();
  if (!note) return <>—</>;
  const worded = systemReason(w, note);
  return worded === note ? <span data-user-text>{note}</span> : worded;
}
