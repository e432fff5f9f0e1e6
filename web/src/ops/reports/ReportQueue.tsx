import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { EvidenceImage } from '../../buyer/evidence.tsx';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useSession } from '../../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  SelectField,
  TextArea,
} from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import './reports.css';

type State = 'open' | 'upheld' | 'dismissed';
type Page = paths['/api/v1/ops/reports']['get']['responses']['200']['content']['application/json'];
type Item = Page['items'][number];
type Reasons = paths['/api/v1/reports/reasons']['get']['responses']['200']['content']['application/json'];
type Codes =
  paths['/api/v1/governance/violation-codes']['get']['responses']['200']['content']['application/json'];
type Effect = NonNullable<Item['reports'][number]['effect']>;
type DecisionBody =
  paths['/api/v1/ops/reports/decisions']['post']['requestBody']['content']['application/json'];

type Waiting =
  paths['/api/v1/ops/queues/{queue}/items']['get']['responses']['200']['content']['application/json']['items'][number];

const STATES: State[] = ['open', 'upheld', 'dismissed'];
const subjectKey = (s: { type: string; id: number }) => `${s.type}:${s.id}`;

/**
 * /ops/reports (买家举报): one card per reported subject with the subject inline as written (a comment,
 * a review with its stars, a product with its image, a room and its host, a shop), every report of it,
 * and how often it and its shop were reported in 7 days; uphold with an effect, or dismiss.
 */
export function ReportQueue() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<State>('open');
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/ops/reports', { params: { query: { state, limit: 50 } } })),
    [api, state],
  );
  // The triage queue's view of the same subjects: due time, overdue, and who claimed each.
  const waiting = useLoad(
    async () =>
      state === 'open'
        ? unwrap(api.GET('/api/v1/ops/queues/{queue}/items', { params: { path: { queue: 'reports' } } }))
        : undefined,
    [api, state, list.data],
  );
  const waitingOf = new Map((waiting.data?.items ?? []).map((w) => [subjectKey(w.subject), w]));
  const reference = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/v1/reports/reasons')),
        unwrap(api.GET('/api/v1/governance/violation-codes')),
      ]),
    [api],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.reports.title')}>
        <SelectField
          label={t('ops.reports.state')}
          name="state"
          value={state}
          onChange={(e) => setState(e.target.value as State)}
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {tEnum('report.state.', s)}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <p className="hint">{t('ops.reports.hint')}</p>
      <SkeletonLoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((item) => (
                <li key={`${item.subject.type}:${item.subject.id}`}>
                  <ReportedCard
                    item={item}
                    waiting={waitingOf.get(subjectKey(item.subject))}
                    reference={reference.data}
                    onDecided={list.reload}
                    onClaimed={waiting.reload}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('ops.reports.empty')}</Empty>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function ReportedCard({
  item,
  waiting,
  reference,
  onDecided,
  onClaimed,
}: {
  item: Item;
  waiting: Waiting | undefined;
  reference: [Reasons, Codes] | undefined;
  onDecided(): void;
  onClaimed(): void;
}) {
  const { t, tEnum } = useI18n();
  const { api, account } = useSession();
  const claim = useAction(async () => {
    await unwrap(
      api.POST('/api/v1/ops/queues/{queue}/claims', {
        params: { path: { queue: 'reports' } },
        body: { subject: item.subject, takeOver: true },
      }),
    );
    onClaimed();
  });
  const holder = waiting?.claim;
  const subjectName = tEnum('report.subject.', item.subject.type);
  const decided = item.reports[0]?.state !== 'open' ? item.reports[0] : undefined;
  return (
    <article
      className="card stack"
      aria-label={t('ops.reports.item', { subject: subjectName, n: item.reports.length })}
    >
      <div className="row">
        <strong>{t('ops.reports.item', { subject: subjectName, n: item.reports.length })}</strong>
        <span className="hint">
          {t('ops.reports.openedAt', { time: '' })}
          <DateTime value={item.openedAt} />
        </span>
        <Badge tone={item.reports7d >= 3 ? 'bad' : 'neutral'}>
          {t('ops.reports.rate', { n: item.reports7d })}
        </Badge>
        {waiting ? (
          <Badge tone={waiting.overdue ? 'bad' : 'neutral'}>
            {waiting.overdue ? t('ops.triage.overdue') : t('ops.triage.dueSoon')}
          </Badge>
        ) : null}
        {waiting ? (
          <span className="hint">
            {t('ops.triage.due')}：<DateTime value={waiting.dueAt} />
          </span>
        ) : null}
        {waiting ? (
          holder ? (
            <span className="hint">
              {t('ops.triage.holder')}：
              {holder.holderId === account?.id ? (
                t('ops.triage.me')
              ) : (
                <span data-user-text>{holder.holderName}</span>
              )}
            </span>
          ) : (
            <Button kind="secondary" busy={claim.busy} onClick={() => void claim.run()}>
              {t('ops.triage.claim')}
            </Button>
          )
        ) : null}
        <ErrorMessage error={claim.error} />
        {item.shopName !== null && item.shopReports7d !== null ? (
          <Badge tone={item.shopReports7d >= 5 ? 'bad' : 'neutral'}>
            <span data-user-text>{item.shopName}</span> {t('ops.reports.shopRate', { n: item.shopReports7d })}
          </Badge>
        ) : null}
      </div>
      <div className="o-two">
        <ReportedContent item={item} />
        <div className="stack">
          <h4>{t('ops.reports.reporters')}</h4>
          <ul className="plain stack">
            {item.reports.map((r) => (
              <li key={r.id} className="o-report-entry">
                <strong data-user-text>{r.reporterName}</strong> · {tEnum('report.reason.', r.reason)} ·{' '}
                <DateTime value={r.createdAt} />
                {r.text ? (
                  <p className="o-quote" data-user-text>
                    {r.text}
                  </p>
                ) : null}
                {r.evidenceFileIds.length ? (
                  <div className="o-report-evidence">
                    <small className="hint">
                      {t('ops.reports.evidence', { n: r.evidenceFileIds.length })}
                    </small>
                    {r.evidenceFileIds.map((id) => (
                      <EvidenceImage key={id} fileId={id} />
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {decided ? (
        <p className="hint">
          {t('ops.reports.outcome', { state: tEnum('report.state.', decided.state) })}
          {decided.effect
            ? ` · ${t('ops.reports.effectDone', { effect: tEnum('ops.reports.effect.', decided.effect) })}`
            : ''}
          {decided.decisionNote ? (
            <>
              {' · '}
              {t('ops.reports.note')}：<span data-user-text>{decided.decisionNote}</span>
            </>
          ) : null}
        </p>
      ) : (
        <DecisionForm item={item} claimed={!!holder} reference={reference} onDecided={onDecided} />
      )}
    </article>
  );
}

/** The reported thing as written, with where it is (a comment's room, a review's product). */
function ReportedContent({ item }: { item: Item }) {
  const { t, tEnum } = useI18n();
  const c = item.content;
  if (!c) return <p className="hint">{t('ops.reports.gone')}</p>;
  const place = c.place ? (c.place.type === 'live_session' ? `/ops/live` : `/products/${c.place.id}`) : null;
  return (
    <div className="stack">
      <h4>{tEnum('report.subject.', c.type)}</h4>
      <div className="row o-report-subject">
        {c.imageUrl ? (
          <img className="o-report-img" src={c.imageUrl} alt={c.type === 'product' ? c.text : ''} />
        ) : null}
        <div className="stack">
          {c.rating ? <span>{t('ops.reports.stars', { n: c.rating })}</span> : null}
          <p className="o-quote" data-user-text>
            {c.text}
          </p>
        </div>
      </div>
      {c.authorName ? (
        <p className="hint">
          {c.type === 'live_session'
            ? t('ops.reports.host', { name: '' })
            : t('ops.reports.author', { name: '' })}
          <span data-user-text>{c.authorName}</span>
        </p>
      ) : null}
      {c.place && place ? (
        <p className="hint">
          {t('ops.reports.in', { place: '' })}
          {c.place.type === 'product' ? (
            <a href={place} target="_blank" rel="noreferrer" data-user-text>
              {c.place.title}
            </a>
          ) : (
            <Link to={place} data-user-text>
              {c.place.title}
            </Link>
          )}
        </p>
      ) : null}
      {STATE_WORDS[c.type] ? (
        <p className="hint">
          {t('ops.reports.contentState', { state: tEnum(STATE_WORDS[c.type]!, c.state, '—') })}
        </p>
      ) : null}
    </div>
  );
}

/** The subject's state as its owner's words for it ("已隐藏", "已上架", "直播中"); a dash for one without. */
const STATE_WORDS: Record<string, string> = {
  live_comment: 'ops.reviewState.',
  review: 'ops.reviewState.',
  product: 'ops.productState.',
  live_session: 'buyer.liveState.',
};

function DecisionForm({
  item,
  claimed,
  reference,
  onDecided,
}: {
  item: Item;
  claimed: boolean;
  reference: [Reasons, Codes] | undefined;
  onDecided(): void;
}) {
  const { t, tEnum, lang } = useI18n();
  const { api } = useSession();
  const toast = useToast();
  const confirm = useConfirm();
  const fit = reference?.[0].items.find((r) => r.subjectType === item.subject.type);
  const effects = (fit?.effects ?? []) as Effect[];
  const codes = (reference?.[1].items ?? []).filter((c) => fit?.violationCodes.includes(c.code));
  const [note, setNote] = useState('');
  const [effect, setEffect] = useState<Effect | ''>('');
  const [code, setCode] = useState('');
  const chosenEffect = effect || effects[0];
  const subjectName = tEnum('report.subject.', item.subject.type);
  const decide = useAction(async (outcome: 'uphold' | 'dismiss') => {
    const effectText =
      chosenEffect === 'violation' && code
        ? `${tEnum('ops.reports.effect.', chosenEffect)}（${codeName(codes, code, lang)}）`
        : tEnum('ops.reports.effect.', chosenEffect);
    const ok = await confirm({
      title: outcome === 'uphold' ? t('ops.reports.uphold') : t('ops.reports.dismiss'),
      body:
        outcome === 'uphold'
          ? t('ops.reports.confirmUphold', {
              subject: subjectName,
              effect: effectText,
              n: item.reports.length,
            })
          : t('ops.reports.confirmDismiss', { subject: subjectName, n: item.reports.length }),
      danger: outcome === 'uphold',
    });
    if (!ok) return;
    const body: DecisionBody =
      outcome === 'uphold'
        ? {
            subject: item.subject,
            outcome,
            note,
            effect: chosenEffect,
            ...(chosenEffect === 'violation' && code
              ? { violationCode: code as DecisionBody['violationCode'] }
              : {}),
          }
        : { subject: item.subject, outcome, note };
    const done = await unwrap(api.POST('/api/v1/ops/reports/decisions', { body }));
    // The subject no longer waits: its claim in the triage queue goes too (a failure here changes nothing decided).
    if (claimed)
      await api.POST('/api/v1/ops/queues/{queue}/claims/release', {
        params: { path: { queue: 'reports' } },
        body: { subject: item.subject, takeOver: true },
      });
    toast.success(t('ops.reports.decided', { n: done.reports }));
    onDecided();
  });
  return (
    <Form label={t('ops.reports.title')} onSubmit={() => undefined}>
      <TextArea
        label={t('ops.reports.note')}
        name="note"
        value={note}
        maxLength={500}
        required
        onChange={(e) => setNote(e.target.value)}
        error={decide.error}
      />
      <div className="row">
        <SelectField
          label={t('ops.reports.effect')}
          name="effect"
          value={chosenEffect ?? ''}
          onChange={(e) => setEffect(e.target.value as Effect)}
          error={decide.error}
        >
          {effects.map((e) => (
            <option key={e} value={e}>
              {tEnum('ops.reports.effect.', e)}
            </option>
          ))}
        </SelectField>
        {chosenEffect === 'violation' ? (
          <SelectField
            label={t('ops.reports.violationCode')}
            name="violationCode"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={decide.error}
          >
            <option value="" disabled>
              {t('ops.reports.violationCode')}
            </option>
            {codes.map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'zh' ? c.zh : c.en}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <div className="o-actions">
        <Button
          kind="danger"
          busy={decide.busy}
          disabled={!note.trim() || !chosenEffect || (chosenEffect === 'violation' && !code)}
          onClick={() => void decide.run('uphold')}
        >
          {t('ops.reports.uphold')}
        </Button>
        <Button
          kind="secondary"
          busy={decide.busy}
          disabled={!note.trim()}
          onClick={() => void decide.run('dismiss')}
        >
          {t('ops.reports.dismiss')}
        </Button>
      </div>
      <ErrorMessage error={decide.error} />
    </Form>
  );
}

function codeName(codes: Codes['items'], code: string, lang: string): string {
  const entry = codes.find((c) => c.code === code);
  return entry ? (lang === 'zh' ? entry.zh : entry.en) : '';
}
