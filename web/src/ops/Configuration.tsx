import { useEffect, useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Button, DateTime, ErrorMessage, Form, LoadState, TextArea, TextField } from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { NoteText, PageHead } from './parts.tsx';

type Config =
  paths['/api/v1/configuration']['get']['responses']['200']['content']['application/json']['config'];

type Unit =
  | 'minutes'
  | 'hours'
  | 'days'
  | 'wholeDays'
  | 'yuan'
  | 'percent'
  | 'count'
  | 'items'
  | 'points'
  | 'score'
  | 'orders'
  | 'wholeHours'
  | 'wholeMinutes'
  | 'stars';
interface FieldDef {
  /** The configuration key: section and field (`aftersales.lateShipment.minFen`). */
  path: string;
  unit: Unit;
}

const of = (section: string, unit: Unit, keys: string[]) =>
  keys.map((key) => ({ path: `${section}.${key}`, unit }));

/**
 * The numbers of the product rules people change, by part of the rules; the form shows minutes, hours,
 * days, ¥ and % (the API keeps ms, fen and basis points). Labels are `ops.config.field.<key>`.
 */
function groupsOf(config: Config): { key: MessageKey; fields: FieldDef[] }[] {
  return [
    {
      key: 'ops.config.marketplace',
      fields: [
        ...of('marketplace', 'minutes', ['paymentTimeoutMs', 'paymentAnswerTimeoutMs']),
        ...of('marketplace', 'hours', ['shipByMs']),
        ...of('marketplace', 'days', ['autoConfirmMs', 'settlementDelayMs']),
        ...of('marketplace', 'items', ['maxLineQuantity']),
      ],
    },
    {
      key: 'ops.config.deposits',
      fields: [
        ...of('deposits', 'percent', ['zeroDepositWithholdBp']),
        ...of('deposits', 'days', ['depositTopUpMs']),
        ...of('deposits', 'items', [
          'probationListingLimits.low',
          'probationListingLimits.medium',
          'probationListingLimits.high',
        ]),
      ],
    },
    {
      key: 'ops.config.deadlines',
      fields: of('aftersales', 'hours', [
        'merchantResponseMs',
        'guaranteeClaimResponseMs',
        'buyerShipReturnMs',
        'merchantReceiptMs',
        'receiptExtensionMs',
        'resubmitWindowMs',
        'arbitrationEvidenceMs',
        'arbitrationDecisionMs',
        'merchantReshipMs',
        'noReasonReturnMs',
        'requestWindowAfterCompletionMs',
        'fakeShipmentNoMovementMs',
        'logisticsStallMs',
      ]),
    },
    {
      key: 'ops.config.amounts',
      fields: [
        ...of('aftersales', 'yuan', ['instantRefundBelowFen', 'lightningReturnMaxFen']),
        ...['lateShipment', 'fakeShipment', 'logisticsStall'].flatMap((k) => [
          { path: `aftersales.${k}.rateBp`, unit: 'percent' as const },
          ...of('aftersales', 'yuan', [`${k}.minFen`, `${k}.maxFen`]),
        ]),
        ...of('aftersales', 'yuan', ['freightInsurance.payoutFen']),
      ],
    },
    {
      key: 'ops.config.limits',
      fields: of('aftersales', 'count', ['maxRequestsPerLine', 'fakePaysMultiplier']),
    },
    {
      key: 'ops.config.skuProtection',
      fields: [
        ...of('aftersales', 'days', ['skuProtection.windowMs', 'skuProtection.baselineWindowMs']),
        ...of('aftersales', 'percent', ['skuProtection.multipleBp']),
        ...of('aftersales', 'orders', ['skuProtection.minOrders']),
        ...of('aftersales', 'count', ['skuProtection.minQualityRefunds']),
        ...of('aftersales', 'percent', ['skuProtection.minRateBp']),
      ],
    },
    {
      key: 'ops.config.governance',
      fields: [
        ...of('governance', 'hours', ['warningFixWindowMs']),
        ...of('governance', 'days', ['firstOffenceLookbackMs', 'pointsWindowMs']),
        ...config.governance.restrictionMilestones.flatMap((_m, i) => [
          { path: `governance.restrictionMilestones.${i}.points`, unit: 'points' as const },
          { path: `governance.restrictionMilestones.${i}.restrictDays`, unit: 'wholeDays' as const },
        ]),
        ...of('governance', 'points', ['closureAtPoints']),
        ...of('governance', 'days', ['appealWindowMs']),
        ...of('governance', 'count', ['maxAppealsPerViolation']),
        ...of('governance', 'days', ['counterNoticeWindowMs']),
      ],
    },
    {
      key: 'ops.config.buyers',
      fields: [
        ...of('buyers', 'days', ['goodBuyerWindowMs']),
        ...of('buyers', 'percent', ['goodBuyerMaxRefundRateBp']),
        ...of('buyers', 'days', ['goodBuyerMinAccountAgeMs']),
        ...of('buyers', 'count', ['goodBuyerMinCompletedOrders']),
        ...of('buyers', 'yuan', ['fastClaimMaxFen']),
        ...of('buyers', 'percent', ['claimSuccessTargetBp']),
      ],
    },
    {
      key: 'ops.config.care',
      fields: [
        ...of('care', 'wholeHours', ['stalledParcelHours']),
        ...of('care', 'count', ['minContacts']),
        ...of('care', 'wholeMinutes', ['contactGapMinutes']),
        ...of('care', 'stars', ['badReviewMaxStars']),
        ...of('care', 'wholeDays', ['lookbackDays']),
        ...of('care', 'wholeHours', ['slaHours']),
        ...of('care', 'yuan', ['perCaseCapFen', 'perDayCapFen']),
        ...of('care', 'wholeDays', ['couponValidDays', 'surveyValidDays', 'satisfactionWindowDays']),
      ],
    },
    {
      key: 'ops.config.risk',
      fields: [
        ...of('risk', 'percent', ['reviewShareAlert.shareBp']),
        ...of('risk', 'count', ['reviewShareAlert.minDecisions']),
        ...of('risk', 'hours', ['reviewShareAlert.windowMs']),
      ],
    },
    {
      key: 'ops.config.standing',
      fields: [
        ...of('standing', 'score', ['badge.minScore']),
        ...of('standing', 'wholeDays', ['badge.violationLookbackDays', 'probationExit.days']),
        ...of('standing', 'orders', ['probationExit.completedOrders']),
        ...of('standing', 'score', ['depositDiscount.minScore']),
        ...of('standing', 'percent', ['depositDiscount.discountBp']),
      ],
    },
  ];
}

const SCALE: Partial<Record<Unit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  yuan: 100,
  percent: 100,
};

function read(config: unknown, path: string): number {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], config) as number;
}
function toShown(value: number, unit: Unit): string {
  if (typeof value !== 'number') return '';
  if (unit === 'yuan') return (value / 100).toFixed(2);
  const scale = SCALE[unit] ?? 1;
  return String(Math.round((value / scale) * 100) / 100);
}
function toApi(text: string, unit: Unit): number {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  // an experience score keeps its two decimals (4.5, 4.75)
  if (unit === 'score') return Math.round(n * 100) / 100;
  return Math.round(n * (SCALE[unit] ?? 1));
}
function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** A field's label: milestones are numbered, the rest named by their key. */
function useLabel() {
  const { t, tEnum } = useI18n();
  return (path: string) => {
    const milestone = /^governance\.restrictionMilestones\.(\d+)\.(points|restrictDays)$/.exec(path);
    if (milestone)
      return t(milestone[2] === 'points' ? 'ops.config.milestonePoints' : 'ops.config.milestoneDays', {
        n: Number(milestone[1]) + 1,
      });
    return tEnum('ops.config.field.', path);
  };
}

/** The configuration in force as a form (rule admins save a new version), and its version history. */
export function Configuration() {
  const { t } = useI18n();
  const { api } = useSession();
  const current = useLoad(() => unwrap(api.GET('/api/v1/configuration')), [api]);
  const versions = useLoad(
    () => unwrap(api.GET('/api/v1/ops/configuration/versions', { params: { query: { limit: 20 } } })),
    [api],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.config.title')} />
      <LoadState loaded={current}>
        {(c) => (
          <ConfigForm
            version={c.version}
            config={c.config}
            onSaved={(next) => {
              current.set(next);
              versions.reload();
            }}
          />
        )}
      </LoadState>
      <h3>{t('ops.config.history')}</h3>
      <LoadState loaded={versions}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th>{t('ops.config.version')}</th>
                <th>{t('ops.config.changed')}</th>
                <th>{t('ops.config.note')}</th>
                <th>{t('ops.config.by')}</th>
                <th>{t('common.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((v, i) => {
                const previous = d.items[i + 1];
                return (
                  <tr key={v.version}>
                    <td>v{v.version}</td>
                    <td>
                      {previous ? (
                        <Changes before={previous.config} after={v.config} />
                      ) : (
                        <span className="hint">—</span>
                      )}
                    </td>
                    <td>
                      <NoteText note={v.note} />
                    </td>
                    <td>
                      {v.createdBy === null ? t('ops.actor.system') : t('ops.account', { id: v.createdBy })}
                    </td>
                    <td>
                      <DateTime value={v.createdAt} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </LoadState>
    </section>
  );
}

function Changes({ before, after }: { before: Config; after: Config }) {
  const { t, tEnum } = useI18n();
  const label = useLabel();
  const fields = groupsOf(
    after.governance.restrictionMilestones.length >= before.governance.restrictionMilestones.length
      ? after
      : before,
  ).flatMap((g) => g.fields);
  const changed = fields.filter((f) => read(before, f.path) !== read(after, f.path));
  if (!changed.length) return <span className="hint">{t('ops.config.otherChanges')}</span>;
  return (
    <ul className="plain">
      {changed.map((f) => (
        <li key={f.path}>
          {label(f.path)}: {toShown(read(before, f.path), f.unit)} → {toShown(read(after, f.path), f.unit)}{' '}
          {tEnum('ops.config.unit.', f.unit)}
        </li>
      ))}
    </ul>
  );
}

function ConfigForm({
  version,
  config,
  onSaved,
}: {
  version: number;
  config: Config;
  onSaved(next: { version: number; config: Config }): void;
}) {
  const { t, tEnum } = useI18n();
  const label = useLabel();
  const { api, account } = useSession();
  const editable = mayUse(account, ['rule_admin']);
  const groups = groupsOf(config);
  const fields = groups.flatMap((g) => g.fields);
  const initial = () =>
    Object.fromEntries(fields.map((f) => [f.path, toShown(read(config, f.path), f.unit)]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version resets the form
  useEffect(() => setValues(initial()), [version]);
  const save = useAction(async () => {
    const changes: Record<string, unknown> = {};
    for (const f of fields) {
      const value = toApi(values[f.path] ?? '', f.unit);
      if (value !== read(config, f.path)) setPath(changes, f.path, Number.isNaN(value) ? null : value);
    }
    // a list is replaced as a whole: send every milestone when one changed
    const governance = changes.governance as Record<string, unknown> | undefined;
    if (governance?.restrictionMilestones) {
      const edited = governance.restrictionMilestones as Record<string, Record<string, unknown>>;
      governance.restrictionMilestones = config.governance.restrictionMilestones.map((m, i) => ({
        ...m,
        ...edited[String(i)],
      }));
    }
    const next = await unwrap(api.POST('/api/v1/ops/configuration', { body: { changes, note } }));
    setNote('');
    setSaved(next.version);
    onSaved(next);
  });
  return (
    <Form label={t('ops.config.title')} className="form o-wide-form" onSubmit={() => save.run()}>
      <p className="hint">
        {t('ops.config.inForce', { version })}
        {editable ? '' : ` ${t('ops.config.readOnly')}`}
      </p>
      {groups.map((group) => (
        <fieldset key={group.key} className="card">
          <legend>
            <strong>{t(group.key)}</strong>
          </legend>
          <div className="o-fields">
            {group.fields.map((f) => (
              <TextField
                key={f.path}
                label={`${label(f.path)} (${tEnum('ops.config.unit.', f.unit)})`}
                name={`changes.${f.path}`}
                inputMode="decimal"
                value={values[f.path] ?? ''}
                readOnly={!editable}
                onChange={(e) => {
                  setSaved(undefined);
                  setValues({ ...values, [f.path]: e.target.value });
                }}
                error={save.error}
              />
            ))}
          </div>
        </fieldset>
      ))}
      {editable ? (
        <>
          <TextArea
            label={t('ops.config.note')}
            name="note"
            value={note}
            required
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            error={save.error}
            hint={t('ops.config.noteHint')}
          />
          <ErrorMessage error={save.error} />
          {saved ? (
            <p className="notice" role="status">
              {t('ops.config.saved', { version: saved })}
            </p>
          ) : null}
          <div>
            <Button type="submit" busy={save.busy} disabled={!note.trim()}>
              {t('ops.config.save')}
            </Button>
          </div>
        </>
      ) : null}
    </Form>
  );
}
