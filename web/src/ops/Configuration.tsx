import { useEffect, useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Button, DateTime, ErrorMessage, Form, LoadState, TextArea, TextField } from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { NoteText, PageHead } from './parts.tsx';

type Policy =
  paths['/api/v1/configuration/aftersales']['get']['responses']['200']['content']['application/json']['policy'];

type Unit = 'hours' | 'yuan' | 'percent' | 'count';
interface FieldDef {
  path: string;
  unit: Unit;
}

/** The after-sales settings people change, by group; the form shows hours, ¥ and % (the API keeps ms, fen, bp). */
const GROUPS: { key: MessageKey; fields: FieldDef[] }[] = [
  {
    key: 'ops.config.deadlines',
    fields: [
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
    ].map((path) => ({ path, unit: 'hours' as const })),
  },
  {
    key: 'ops.config.amounts',
    fields: [
      { path: 'instantRefundBelowFen', unit: 'yuan' },
      { path: 'lightningReturnMaxFen', unit: 'yuan' },
      { path: 'lateShipment.rateBp', unit: 'percent' },
      { path: 'lateShipment.minFen', unit: 'yuan' },
      { path: 'lateShipment.maxFen', unit: 'yuan' },
      { path: 'fakeShipment.rateBp', unit: 'percent' },
      { path: 'fakeShipment.minFen', unit: 'yuan' },
      { path: 'fakeShipment.maxFen', unit: 'yuan' },
      { path: 'logisticsStall.rateBp', unit: 'percent' },
      { path: 'logisticsStall.minFen', unit: 'yuan' },
      { path: 'logisticsStall.maxFen', unit: 'yuan' },
      { path: 'freightInsurance.payoutFen', unit: 'yuan' },
    ],
  },
  {
    key: 'ops.config.limits',
    fields: [
      { path: 'maxRequestsPerLine', unit: 'count' },
      { path: 'fakePaysMultiplier', unit: 'count' },
    ],
  },
];
const FIELDS = GROUPS.flatMap((g) => g.fields);

function read(policy: Policy, path: string): number {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], policy) as number;
}
function toShown(value: number, unit: Unit): string {
  if (unit === 'hours') return String(Math.round((value / 3_600_000) * 100) / 100);
  if (unit === 'yuan') return (value / 100).toFixed(2);
  if (unit === 'percent') return String(value / 100);
  return String(value);
}
function toApi(text: string, unit: Unit): number {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (unit === 'hours') return Math.round(n * 3_600_000);
  if (unit === 'yuan' || unit === 'percent') return Math.round(n * 100);
  return n;
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

/** The after-sales policy in force as a form (rule admins save a new version), and its version history. */
export function Configuration() {
  const { t } = useI18n();
  const { api } = useSession();
  const current = useLoad(() => unwrap(api.GET('/api/v1/configuration/aftersales')), [api]);
  const versions = useLoad(
    () =>
      unwrap(api.GET('/api/v1/ops/configuration/aftersales/versions', { params: { query: { limit: 20 } } })),
    [api],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.config.title')} />
      <LoadState loaded={current}>
        {(c) => (
          <PolicyForm
            version={c.version}
            policy={c.policy}
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
                        <Changes before={previous.policy} after={v.policy} />
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

function Changes({ before, after }: { before: Policy; after: Policy }) {
  const { t, tEnum } = useI18n();
  const changed = FIELDS.filter((f) => read(before, f.path) !== read(after, f.path));
  if (!changed.length) return <span className="hint">{t('ops.config.otherChanges')}</span>;
  return (
    <ul className="plain">
      {changed.map((f) => (
        <li key={f.path}>
          {tEnum('ops.config.field.', f.path)}: {toShown(read(before, f.path), f.unit)} →{' '}
          {toShown(read(after, f.path), f.unit)} {tEnum('ops.config.unit.', f.unit)}
        </li>
      ))}
    </ul>
  );
}

function PolicyForm({
  version,
  policy,
  onSaved,
}: {
  version: number;
  policy: Policy;
  onSaved(next: { version: number; policy: Policy }): void;
}) {
  const { t, tEnum } = useI18n();
  const { api, account } = useSession();
  const editable = mayUse(account, ['rule_admin']);
  const initial = () =>
    Object.fromEntries(FIELDS.map((f) => [f.path, toShown(read(policy, f.path), f.unit)]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version resets the form
  useEffect(() => setValues(initial()), [version]);
  const save = useAction(async () => {
    const changes: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const value = toApi(values[f.path] ?? '', f.unit);
      if (value !== read(policy, f.path)) setPath(changes, f.path, Number.isNaN(value) ? null : value);
    }
    const next = await unwrap(api.POST('/api/v1/ops/configuration/aftersales', { body: { changes, note } }));
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
      {GROUPS.map((group) => (
        <fieldset key={group.key} className="card">
          <legend>
            <strong>{t(group.key)}</strong>
          </legend>
          <div className="o-fields">
            {group.fields.map((f) => (
              <TextField
                key={f.path}
                label={`${tEnum('ops.config.field.', f.path)} (${tEnum('ops.config.unit.', f.unit)})`}
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
