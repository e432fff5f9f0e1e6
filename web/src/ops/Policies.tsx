import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { DateTimeField, useZonedTime } from '../common/date-time-field.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  LoadState,
  SelectField,
  TextArea,
  TextField,
  useWording,
} from '../common/ui.tsx';
import { fieldReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { CHECKPOINTS, type Checkpoint } from './cases.ts';
import { conditionText, NoteText, OutcomeBadge, PageHead, useLocalized } from './parts.tsx';

type Policy =
  paths['/api/v1/ops/trust/policies/{id}']['get']['responses']['200']['content']['application/json'];
type Rule = Policy['rules'][number];
type ReviewShare =
  paths['/api/v1/ops/trust/review-share']['get']['responses']['200']['content']['application/json'];
type Backtest =
  paths['/api/v1/ops/trust/policies/{id}/backtest']['post']['responses']['200']['content']['application/json'];

const STATUS_TONE: Record<Policy['status'], string> = {
  active: 'ok',
  shadow: 'warn',
  draft: 'neutral',
  retired: 'neutral',
};

function StatusBadge({ status }: { status: Policy['status'] }) {
  const { tEnum } = useI18n();
  return <Badge tone={STATUS_TONE[status]}>{tEnum('ops.policyStatus.', status)}</Badge>;
}

/** Policy versions of a checkpoint, newest first, and (rule admins) a new version from the latest rules. */
export function PolicyList() {
  const { t, tEnum } = useI18n();
  const { api, account } = useSession();
  const [params, setParams] = useSearchParams();
  const checkpoint = (params.get('checkpoint') as Checkpoint | null) ?? 'live_comment';
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/ops/trust/policies', { params: { query: { checkpoint } } })),
    [api, checkpoint],
  );
  const [editing, setEditing] = useState(false);
  return (
    <section className="stack">
      <PageHead title={t('ops.policies.title')}>
        <SelectField
          label={t('ops.cases.checkpoint')}
          name="checkpoint"
          value={checkpoint}
          onChange={(e) => {
            setEditing(false);
            setParams({ checkpoint: e.target.value });
          }}
        >
          {CHECKPOINTS.map((c) => (
            <option key={c} value={c}>
              {tEnum('ops.checkpoint.', c)}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <LoadState loaded={list}>
        {(d) => (
          <div className="stack">
            {d.items.length ? (
              <table>
                <thead>
                  <tr>
                    <th>{t('ops.policies.version')}</th>
                    <th>{t('common.state')}</th>
                    <th>{t('ops.policies.rules')}</th>
                    <th>{t('ops.policies.note')}</th>
                    <th>{t('common.createdAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/ops/policies/${p.id}`}>
                          {t('ops.policies.versionN', { version: p.version })}
                        </Link>
                      </td>
                      <td>
                        <StatusBadge status={p.status} />
                      </td>
                      <td>{p.rules.length}</td>
                      <td>
                        <NoteText note={p.note} />
                      </td>
                      <td>
                        <DateTime value={p.createdAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty />
            )}
            {mayUse(account, ['rule_admin']) ? (
              editing ? (
                <NewVersion
                  checkpoint={checkpoint}
                  base={(d.items.find((p) => p.status === 'active') ?? d.items[0])?.rules ?? []}
                  onCancel={() => setEditing(false)}
                />
              ) : (
                <div>
                  <Button onClick={() => setEditing(true)}>{t('ops.policies.newVersion')}</Button>
                </div>
              )
            ) : null}
          </div>
        )}
      </LoadState>
    </section>
  );
}

interface RuleDraft {
  /** Stable key of the row while it is edited. */
  key: number;
  id: string;
  description: string;
  when: string;
  outcome: 'review' | 'block';
  zh: string;
  en: string;
}

let nextKey = 0;
const toDraft = (r: Rule): RuleDraft => ({
  key: ++nextKey,
  id: r.id,
  description: r.description,
  when: JSON.stringify(r.when, null, 2),
  outcome: r.outcome,
  zh: r.reason.zh,
  en: r.reason.en,
});

/** A new draft version: each rule's fields, its condition as JSON; the server names every problem by path. */
function NewVersion({
  checkpoint,
  base,
  onCancel,
}: {
  checkpoint: Checkpoint;
  base: Rule[];
  onCancel(): void;
}) {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const { api } = useSession();
  const navigate = useNavigate();
  const [rules, setRules] = useState<RuleDraft[]>(() => base.map(toDraft));
  const [note, setNote] = useState('');
  const create = useAction(async () => {
    const parsed = rules.map((r, i) => {
      let when: unknown;
      try {
        when = JSON.parse(r.when);
      } catch (err) {
        throw new ApiError(400, 'validation_failed', t('ops.policies.badJson'), {
          fields: [
            { field: `rules[${i}].when`, reason: `${t('ops.policies.badJson')} (${(err as Error).message})` },
          ],
        });
      }
      return {
        id: r.id,
        description: r.description,
        when,
        outcome: r.outcome,
        reason: { zh: r.zh, en: r.en },
      };
    });
    const created = await unwrap(
      api.POST('/api/v1/ops/trust/policies', {
        body: { checkpoint, rules: parsed as never, ...(note.trim() ? { note } : {}) },
      }),
    );
    navigate(`/ops/policies/${created.id}`);
  });
  const update = (i: number, patch: Partial<RuleDraft>) =>
    setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const whenProblems = (i: number) =>
    create.error?.fields.filter((f) => f.field.startsWith(`rules[${i}].when`)) ?? [];
  const listProblem = create.error?.fields.find((f) => f.field === 'rules' || f.field === 'checkpoint');
  return (
    <Form label={t('ops.policies.newVersion')} className="form o-wide-form" onSubmit={() => create.run()}>
      <h3>{t('ops.policies.newVersionOf', { checkpoint: tEnum('ops.checkpoint.', checkpoint) })}</h3>
      <p className="hint">
        {/* the example is JSON as typed: shown as code */}
        {t('ops.policies.editorHint', { example: '\u0000' }).split('\u0000')[0]}
        <code>{'{"feature": "screening_risk", "op": "==", "value": "high"}'}</code>
        {t('ops.policies.editorHint', { example: '\u0000' }).split('\u0000')[1]}
      </p>
      {rules.map((r, i) => (
        <fieldset key={r.key} className="card stack">
          <legend>
            <strong>{t('ops.policies.ruleN', { n: i + 1 })}</strong>
          </legend>
          <div className="o-fields">
            <TextField
              label={t('ops.policies.ruleId')}
              name={`rules[${i}].id`}
              value={r.id}
              onChange={(e) => update(i, { id: e.target.value })}
              error={create.error}
            />
            <SelectField
              label={t('ops.policies.outcome')}
              name={`rules[${i}].outcome`}
              value={r.outcome}
              onChange={(e) => update(i, { outcome: e.target.value as RuleDraft['outcome'] })}
              error={create.error}
            >
              <option value="review">{tEnum('ops.outcome.', 'review')}</option>
              <option value="block">{tEnum('ops.outcome.', 'block')}</option>
            </SelectField>
            <TextField
              label={t('ops.policies.reasonZh')}
              name={`rules[${i}].reason`}
              value={r.zh}
              onChange={(e) => update(i, { zh: e.target.value })}
              error={create.error}
            />
            <TextField
              label={t('ops.policies.reasonEn')}
              name={`rules[${i}].reason.en`}
              value={r.en}
              onChange={(e) => update(i, { en: e.target.value })}
            />
          </div>
          <TextField
            label={t('ops.policies.description')}
            name={`rules[${i}].description`}
            value={r.description}
            onChange={(e) => update(i, { description: e.target.value })}
            error={create.error}
          />
          <TextArea
            label={t('ops.policies.when')}
            name={`rules[${i}].when`}
            className="o-code"
            rows={6}
            value={r.when}
            onChange={(e) => update(i, { when: e.target.value })}
            error={create.error}
          />
          {whenProblems(i)
            .filter((p) => p.field !== `rules[${i}].when`)
            .map((p) => (
              <p key={p.field} className="field-error" role="alert">
                <code>{p.field}</code>: {fieldReason(w, p.reason)}
              </p>
            ))}
          <div>
            <Button kind="link" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
              {t('ops.policies.removeRule')}
            </Button>
          </div>
        </fieldset>
      ))}
      {listProblem ? (
        <p className="field-error" role="alert">
          {fieldReason(w, listProblem.reason)}
        </p>
      ) : null}
      <div>
        <Button
          kind="secondary"
          onClick={() =>
            setRules([
              ...rules,
              {
                key: ++nextKey,
                id: '',
                description: '',
                when: '{ "feature": "", "op": "==", "value": "" }',
                outcome: 'review',
                zh: '',
                en: '',
              },
            ])
          }
        >
          {t('ops.policies.addRule')}
        </Button>
      </div>
      <TextArea
        label={t('ops.policies.note')}
        name="note"
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        error={create.error}
      />
      <ErrorMessage error={create.error} />
      <div className="o-actions">
        <Button type="submit" busy={create.busy}>
          {t('ops.policies.createDraft')}
        </Button>
        <Button kind="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** One version: its rules, shadow start/stop and summary, backtest, activation. */
export function PolicyDetail() {
  const { t, tEnum } = useI18n();
  const { api, account } = useSession();
  const localized = useLocalized();
  const id = Number(useParams().id);
  const policy = useLoad(
    () => unwrap(api.GET('/api/v1/ops/trust/policies/{id}', { params: { path: { id } } })),
    [api, id],
  );
  const admin = mayUse(account, ['rule_admin']);
  // How much of the checkpoint's live traffic each rule sends to review (risk.reviewShareAlert).
  const checkpoint = policy.data?.checkpoint;
  const shares = useLoad(
    async () =>
      checkpoint
        ? unwrap(api.GET('/api/v1/ops/trust/review-share', { params: { query: { checkpoint } } }))
        : null,
    [api, checkpoint],
  );
  const act = useAction(async (action: 'activate' | 'shadow' | 'stop-shadow') => {
    const path = { id };
    const next =
      action === 'activate'
        ? await unwrap(api.POST('/api/v1/ops/trust/policies/{id}/activate', { params: { path } }))
        : action === 'shadow'
          ? await unwrap(api.POST('/api/v1/ops/trust/policies/{id}/shadow', { params: { path } }))
          : await unwrap(api.POST('/api/v1/ops/trust/policies/{id}/stop-shadow', { params: { path } }));
    policy.set(next);
  });
  return (
    <section className="stack">
      <LoadState loaded={policy}>
        {(p) => (
          <>
            <PageHead
              title={`${tEnum('ops.checkpoint.', p.checkpoint)} · ${t('ops.policies.versionN', { version: p.version })}`}
            >
              <StatusBadge status={p.status} />
              <Link to={`/ops/policies?checkpoint=${p.checkpoint}`}>{t('ops.policies.allVersions')}</Link>
            </PageHead>
            {p.note ? (
              <p className="hint">
                <NoteText note={p.note} />
              </p>
            ) : null}
            {p.status === 'active' && shares.data ? <ReviewShareSummary report={shares.data} /> : null}
            <table>
              <thead>
                <tr>
                  <th>{t('ops.policies.ruleId')}</th>
                  <th>{t('ops.policies.description')}</th>
                  <th>{t('ops.policies.when')}</th>
                  <th>{t('ops.policies.outcome')}</th>
                  <th>{t('ops.policies.reason')}</th>
                  {p.status === 'active' && shares.data ? (
                    <th>{t('ops.reviewShare.column', { hours: hoursOf(shares.data) })}</th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {p.rules.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <code>{r.id}</code>
                    </td>
                    <td>{r.description}</td>
                    <td>
                      <code className="o-code">{conditionText(r.when)}</code>
                    </td>
                    <td>
                      <OutcomeBadge outcome={r.outcome} />
                    </td>
                    <td>{localized(r.reason)}</td>
                    {p.status === 'active' && shares.data ? (
                      <td>
                        <RuleReviewShare report={shares.data} ruleId={r.id} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            {admin && p.status !== 'active' ? (
              <div className="o-actions">
                {p.status === 'draft' ? (
                  <Button kind="secondary" busy={act.busy} onClick={() => void act.run('shadow')}>
                    {t('ops.policies.startShadow')}
                  </Button>
                ) : null}
                {p.status === 'shadow' ? (
                  <Button kind="secondary" busy={act.busy} onClick={() => void act.run('stop-shadow')}>
                    {t('ops.policies.stopShadow')}
                  </Button>
                ) : null}
                <Button busy={act.busy} onClick={() => void act.run('activate')}>
                  {p.status === 'retired' ? t('ops.policies.rollback') : t('ops.policies.activate')}
                </Button>
              </div>
            ) : null}
            <ErrorMessage error={act.error} />
            {p.status === 'shadow' || p.status === 'retired' ? <ShadowSummary id={p.id} /> : null}
            {admin ? <BacktestPanel id={p.id} /> : null}
          </>
        )}
      </LoadState>
    </section>
  );
}

const hoursOf = (r: ReviewShare) => Math.round(r.alert.windowMs / 3_600_000);

function ReviewShareSummary({ report: r }: { report: ReviewShare }) {
  const { t, percent } = useI18n();
  return (
    <p className="hint">
      {t('ops.reviewShare.summary', {
        hours: hoursOf(r),
        decisions: r.decisions,
        share: percent(r.alert.shareBp / 10_000, 0),
        min: r.alert.minDecisions,
      })}
    </p>
  );
}

/** A rule's review share over the alert window, and the warning when it is above the setting. */
function RuleReviewShare({ report, ruleId }: { report: ReviewShare; ruleId: string }) {
  const { t, percent } = useI18n();
  const share = report.rules.find((x) => x.ruleId === ruleId);
  if (!share) return <>—</>;
  return share.flagged ? (
    <p className="field-error" role="alert">
      {t('ops.reviewShare.flag', { hours: hoursOf(report), share: percent(share.share, 0) })}
    </p>
  ) : (
    <span>
      {percent(share.share)} ({share.reviews}/{share.decisions})
    </span>
  );
}

function ShadowSummary({ id }: { id: number }) {
  const { t, tEnum, percent } = useI18n();
  const { api } = useSession();
  const summary = useLoad(
    () => unwrap(api.GET('/api/v1/ops/trust/policies/{id}/shadow-summary', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <div className="card stack">
      <h3>{t('ops.policies.shadowSummary')}</h3>
      <LoadState loaded={summary}>
        {(s) => (
          <>
            <p>
              {t('ops.policies.shadowCounts', {
                decisions: s.decisions,
                agreed: s.agreed,
                disagreed: s.disagreed,
                rate: percent(s.disagreementRate),
              })}
            </p>
            {s.matrix.length ? (
              <table>
                <thead>
                  <tr>
                    <th>{t('ops.policies.live')}</th>
                    <th>{t('ops.policies.shadow')}</th>
                    <th>{t('ops.policies.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.matrix.map((m) => (
                    <tr key={`${m.live}-${m.shadow}`}>
                      <td>{tEnum('ops.outcome.', m.live)}</td>
                      <td>{tEnum('ops.outcome.', m.shadow)}</td>
                      <td>{m.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {s.shadowRulesFired.length ? (
              <p className="hint">
                {t('ops.policies.rulesFired')}:{' '}
                {s.shadowRulesFired.map((r) => `${r.id} × ${r.count}`).join('、')}
              </p>
            ) : null}
          </>
        )}
      </LoadState>
    </div>
  );
}

function BacktestPanel({ id }: { id: number }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [result, setResult] = useState<Backtest>();
  const zoned = useZonedTime();
  const run = useAction(async () => {
    const body = {
      ...(since ? { since: zoned.toIso(since) } : {}),
      ...(until ? { until: zoned.toIso(until) } : {}),
    };
    setResult(
      await unwrap(api.POST('/api/v1/ops/trust/policies/{id}/backtest', { params: { path: { id } }, body })),
    );
  });
  return (
    <div className="card stack">
      <h3>{t('ops.policies.backtest')}</h3>
      <Form label={t('ops.policies.backtest')} className="row" onSubmit={() => run.run()}>
        <DateTimeField
          label={t('ops.policies.since')}
          name="since"
          value={since}
          onChange={setSince}
          error={run.error}
        />
        <DateTimeField
          label={t('ops.policies.until')}
          name="until"
          value={until}
          onChange={setUntil}
          error={run.error}
        />
        <Button type="submit" busy={run.busy}>
          {t('ops.policies.runBacktest')}
        </Button>
      </Form>
      <ErrorMessage error={run.error} />
      {result ? <BacktestResult result={result} /> : null}
    </div>
  );
}

function BacktestResult({ result: r }: { result: Backtest }) {
  const { t, tEnum, percent } = useI18n();
  const outcomes = ['allow', 'review', 'block'] as const;
  return (
    <div className="stack" role="status">
      <p>
        {t('ops.policies.backtestSummary', { events: r.events, changed: r.changed, labelled: r.labelled })}
      </p>
      <table aria-label={t('ops.policies.beforeAfter')}>
        <thead>
          <tr>
            <th>{t('ops.policies.outcome')}</th>
            <th>{t('ops.policies.before')}</th>
            <th>{t('ops.policies.after')}</th>
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => (
            <tr key={o}>
              <td>{tEnum('ops.outcome.', o)}</td>
              <td>{r.before[o]}</td>
              <td>{r.after[o]}</td>
            </tr>
          ))}
          <tr>
            <td>{t('ops.policies.precision')}</td>
            <td>{percent(r.precisionRecall.before.precision)}</td>
            <td>{percent(r.precisionRecall.after.precision)}</td>
          </tr>
          <tr>
            <td>{t('ops.policies.recall')}</td>
            <td>{percent(r.precisionRecall.before.recall)}</td>
            <td>{percent(r.precisionRecall.after.recall)}</td>
          </tr>
        </tbody>
      </table>
      {r.transitions.length ? (
        <>
          <h4>{t('ops.policies.transitions')}</h4>
          <table>
            <thead>
              <tr>
                <th>{t('ops.policies.before')}</th>
                <th>{t('ops.policies.after')}</th>
                <th>{t('ops.policies.count')}</th>
              </tr>
            </thead>
            <tbody>
              {r.transitions.map((x) => (
                <tr key={`${x.from}-${x.to}`}>
                  <td>{tEnum('ops.outcome.', x.from)}</td>
                  <td>{tEnum('ops.outcome.', x.to)}</td>
                  <td>{x.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {r.examples.length ? (
        <>
          <h4>{t('ops.policies.examples')}</h4>
          <table>
            <thead>
              <tr>
                <th>{t('ops.decision.number')}</th>
                <th>{t('ops.cases.subject')}</th>
                <th>{t('ops.policies.before')}</th>
                <th>{t('ops.policies.after')}</th>
                <th>{t('ops.policies.rulesFired')}</th>
              </tr>
            </thead>
            <tbody>
              {r.examples.map((x) => (
                <tr key={x.decisionId}>
                  <td>#{x.decisionId}</td>
                  <td>
                    {tEnum('ops.subject.', x.subject.type, x.subject.type)} #{x.subject.id}
                  </td>
                  <td>{tEnum('ops.outcome.', x.before)}</td>
                  <td>{tEnum('ops.outcome.', x.after)}</td>
                  <td>{x.fired.join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
