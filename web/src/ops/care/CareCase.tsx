import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { idempotencyKey, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useSession } from '../../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  ErrorMessage,
  Form,
  SelectField,
  TextArea,
  TextField,
} from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { mayUse } from '../access.ts';
import { PageHead, yuanToFen } from '../parts.tsx';
import './care.css';

type Story = paths['/api/v1/ops/care/cases/{id}']['get']['responses']['200']['content']['application/json'];
type Outcome = NonNullable<Story['case']['outcome']>;
type Channel = Story['contacts'][number]['channel'];
type Kind = Story['compensations'][number]['kind'];

const OUTCOMES: Outcome[] = ['compensated', 'apologised', 'declined', 'unreachable'];
const CHANNELS: Channel[] = ['phone', 'sms', 'chat', 'other'];
const KINDS: Kind[] = ['coupon', 'cash'];

/** One outreach case: why it is in the queue, the whole story, and — for its holder — contact, compensation, outcome. */
export function CareCase() {
  const { t } = useI18n();
  const { api } = useSession();
  const id = Number(useParams().id);
  const story = useLoad(
    () => unwrap(api.GET('/api/v1/ops/care/cases/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <section className="stack care">
      <p>
        <Link to="/ops/care">{t('care.back')}</Link>
      </p>
      <SkeletonLoadState loaded={story} rows={6}>
        {(s) => <StoryView story={s} reload={story.reload} />}
      </SkeletonLoadState>
    </section>
  );
}

function useWhy() {
  const { t } = useI18n();
  return (c: Story['case']) => {
    const f = c.facts as Record<string, unknown>;
    if (c.rule === 'stalled_parcel_contacted')
      return t('care.why.stalled_parcel_contacted', {
        hours: Number(f.stalledHours ?? 0),
        contacts: Number(f.contacts ?? 0),
      });
    if (c.rule === 'refused_then_bad_review')
      return t('care.why.refused_then_bad_review', {
        by: t(f.refusedBy === 'arbitration' ? 'care.refusedBy.arbitration' : 'care.refusedBy.merchant'),
        rating: Number(f.rating ?? 0),
      });
    return t('care.why.repeat_aftersales', { n: Number(f.requests ?? 2) });
  };
}

function StoryView({ story, reload }: { story: Story; reload(): void }) {
  const { t, tEnum, money } = useI18n();
  const { account } = useSession();
  const why = useWhy();
  const c = story.case;
  const mine = c.state === 'claimed' && c.claimedBy === account?.id;
  return (
    <>
      <PageHead title={tEnum('care.rule.', c.rule)}>
        <Badge tone={c.state === 'resolved' ? 'ok' : 'warn'}>{tEnum('care.state.', c.state)}</Badge>
      </PageHead>
      <p data-testid="care-why">
        <strong>{why(c)}</strong>
      </p>
      <dl className="facts">
        <dt>{t('care.buyer')}</dt>
        <dd>
          <span data-user-text>{story.buyer.name}</span>
          {' · '}
          {t('care.phone')}{' '}
          {story.buyer.phone ? <span data-user-text>{story.buyer.phone}</span> : t('care.noPhone')}
        </dd>
        <dt>{t('care.shop')}</dt>
        <dd>
          <span data-user-text>{story.shop.name}</span>
        </dd>
        <dt>{t('care.due')}</dt>
        <dd>
          <DateTime value={c.dueAt} />
        </dd>
        <dt>{t('care.holder')}</dt>
        <dd>{c.claimedByName ? <span data-user-text>{c.claimedByName}</span> : t('care.nobody')}</dd>
        {c.outcome ? (
          <>
            <dt>{t('care.outcome.title')}</dt>
            <dd>
              {t('care.resolvedAs', { outcome: tEnum('care.outcome.', c.outcome) })}
              {c.outcomeNote ? (
                <>
                  {' · '}
                  <span data-user-text>{c.outcomeNote}</span>
                </>
              ) : null}
              {c.surveyState ? (
                <>
                  {' · '}
                  {t('care.surveyState', {
                    state: c.satisfaction
                      ? tEnum('care.satisfaction.', c.satisfaction)
                      : tEnum('care.survey.', c.surveyState),
                  })}
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="care-story">
        <div>
          <h3>{t('care.story')}</h3>
          <section aria-label={t('care.section.order')}>
            <h4>
              {t('care.section.order')} · {t('care.order', { id: story.order.id })} ·{' '}
              {tEnum('buyer.orderState.', story.order.state)}
            </h4>
            <ul>
              {story.order.lines.map((l) => (
                <li key={l.id}>
                  {t('care.line', { title: l.title, n: l.quantity, paid: money(l.paidFen) })}
                </li>
              ))}
            </ul>
            <p>{t('care.total', { total: money(story.order.totalFen) })}</p>
            <h4>{t('care.section.timeline')}</h4>
            <ol>
              {story.order.timeline.map((e) => (
                <li key={`${e.at}-${e.toState}`}>
                  {tEnum('buyer.orderState.', e.toState)} · <DateTime value={e.at} />
                </li>
              ))}
            </ol>
          </section>
          <section aria-label={t('care.section.shipment')}>
            <h4>{t('care.section.shipment')}</h4>
            {story.shipment ? (
              <>
                <p>
                  {t('care.waybill', {
                    carrier: tEnum('buyer.carrier.', story.shipment.carrier),
                    number: story.shipment.trackingNumber,
                  })}{' '}
                  · {tEnum('buyer.parcel.', story.shipment.status)}
                </p>
                <ol>
                  {story.shipment.events.map((e) => (
                    <li key={`${e.at}-${e.event}`}>
                      {tEnum('buyer.parcel.', e.event)} · <DateTime value={e.at} />
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p className="hint">{t('care.noShipment')}</p>
            )}
          </section>
          <section aria-label={t('care.section.chats')}>
            <h4>{t('care.section.chats')}</h4>
            {story.chats.length === 0 ? (
              <p className="hint">{t('care.noChats')}</p>
            ) : (
              <ul className="care-chat">
                {story.chats.map((m) => (
                  <li key={m.id} className={m.sender === 'buyer' ? 'care-chat-buyer' : undefined}>
                    <strong>{tEnum('care.sender.', m.sender)}</strong> <DateTime value={m.createdAt} />
                    <br />
                    {m.text ? <span data-user-text>{m.text}</span> : '—'}
                    {m.visibility === 'held' ? <small className="hint"> {t('care.held')}</small> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-label={t('care.section.aftersales')}>
            <h4>{t('care.section.aftersales')}</h4>
            {story.aftersales.length === 0 ? (
              <p className="hint">{t('care.noAftersales')}</p>
            ) : (
              <ul>
                {story.aftersales.map((r) => (
                  <li key={r.id}>
                    {tEnum('buyer.asType.', r.type)} · {tEnum('buyer.asReason.', r.reason)} ·{' '}
                    {tEnum('buyer.asState.', r.state)} · {money(r.requestedFen)} ·{' '}
                    <DateTime value={r.createdAt} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-label={t('care.section.reviews')}>
            <h4>{t('care.section.reviews')}</h4>
            {story.reviews.length === 0 ? (
              <p className="hint">{t('care.noReviews')}</p>
            ) : (
              <ul>
                {story.reviews.map((r) => (
                  <li key={r.id}>
                    {t('care.stars', { n: r.rating })} · <span data-user-text>{r.text}</span> ·{' '}
                    <DateTime value={r.createdAt} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <aside className="care-actions" aria-label={t('care.section.actions')}>
          <h3>{t('care.section.actions')}</h3>
          <Actions story={story} mine={mine} reload={reload} />
          <h4>{t('care.section.contacts')}</h4>
          {story.contacts.length === 0 ? (
            <p className="hint">{t('care.noContacts')}</p>
          ) : (
            <ul>
              {story.contacts.map((k) => (
                <li key={k.id}>
                  {tEnum('care.channel.', k.channel)} ·{' '}
                  {k.reached ? t('care.contact.reachedYes') : t('care.contact.reachedNo')} ·{' '}
                  <span data-user-text>{k.note}</span> · <DateTime value={k.at} />
                </li>
              ))}
            </ul>
          )}
          <h4>{t('care.section.compensations')}</h4>
          {story.compensations.length === 0 ? (
            <p className="hint">{t('care.noCompensations')}</p>
          ) : (
            <ul data-testid="care-compensations">
              {story.compensations.map((k) => (
                <li key={k.id}>
                  {tEnum('care.kind.', k.kind)} · {money(k.amountFen)} · <DateTime value={k.at} />
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </>
  );
}

function Actions({ story, mine, reload }: { story: Story; mine: boolean; reload(): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const toast = useToast();
  const c = story.case;
  const path = { params: { path: { id: c.id } } };
  const claim = useAction(async () => {
    await unwrap(api.POST('/api/v1/ops/care/cases/{id}/claim', path));
    toast.success(t('care.claimed'));
    reload();
  });
  const release = useAction(async () => {
    await unwrap(api.POST('/api/v1/ops/care/cases/{id}/release', path));
    toast.success(t('care.released'));
    reload();
  });
  if (c.state === 'resolved') return null;
  if (c.state === 'open')
    return (
      <>
        <ErrorMessage error={claim.error} />
        <Button busy={claim.busy} onClick={() => void claim.run()}>
          {t('care.claim')}
        </Button>
      </>
    );
  if (!mine) return <p className="hint">{t('care.heldByOther', { name: c.claimedByName ?? '' })}</p>;
  return (
    <>
      <ContactForm id={c.id} reload={reload} />
      <CompensationForm story={story} reload={reload} />
      <OutcomeForm id={c.id} reload={reload} />
      <ErrorMessage error={release.error} />
      <Button kind="secondary" busy={release.busy} onClick={() => void release.run()}>
        {t('care.release')}
      </Button>
    </>
  );
}

function ContactForm({ id, reload }: { id: number; reload(): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const toast = useToast();
  const [channel, setChannel] = useState<Channel>('phone');
  const [reached, setReached] = useState(true);
  const [note, setNote] = useState('');
  const save = useAction(async () => {
    await unwrap(
      api.POST('/api/v1/ops/care/cases/{id}/contacts', {
        params: { path: { id } },
        body: { channel, reached, note },
      }),
    );
    setNote('');
    toast.success(t('care.contact.saved'));
    reload();
  });
  return (
    <Form onSubmit={() => save.run()} label={t('care.contact.title')}>
      <h4>{t('care.contact.title')}</h4>
      <SelectField
        label={t('care.contact.channel')}
        name="channel"
        value={channel}
        onChange={(e) => setChannel(e.target.value as Channel)}
      >
        {CHANNELS.map((ch) => (
          <option key={ch} value={ch}>
            {t(`care.channel.${ch}`)}
          </option>
        ))}
      </SelectField>
      <label className="o-check">
        <input type="checkbox" checked={reached} onChange={(e) => setReached(e.target.checked)} />
        <span>{t('care.contact.reached')}</span>
      </label>
      <TextArea
        label={t('care.contact.note')}
        name="note"
        value={note}
        required
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        error={save.error}
      />
      <ErrorMessage error={save.error} />
      <Button type="submit" kind="secondary" busy={save.busy}>
        {t('care.contact.save')}
      </Button>
    </Form>
  );
}

function CompensationForm({ story, reload }: { story: Story; reload(): void }) {
  const { t, money } = useI18n();
  const { api, account } = useSession();
  const confirm = useConfirm();
  const toast = useToast();
  const [kind, setKind] = useState<Kind>('coupon');
  const [amount, setAmount] = useState('');
  // One key per intended compensation: a retry of a lost answer reuses it, a new one gets a new key.
  const key = useRef(idempotencyKey());
  const give = useAction(async () => {
    const amountFen = yuanToFen(amount);
    const ok = await confirm({
      title: t('care.comp.confirmTitle'),
      body:
        kind === 'cash'
          ? t('care.comp.confirmCash', { buyer: story.buyer.name, amount: money(amountFen) })
          : t('care.comp.confirmCoupon', {
              buyer: story.buyer.name,
              amount: money(amountFen),
              days: story.caps.couponValidDays,
            }),
      confirmLabel: t('care.comp.give'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(
      api.POST('/api/v1/ops/care/cases/{id}/compensations', {
        params: { path: { id: story.case.id }, header: { 'idempotency-key': key.current } },
        body: { kind, amountFen },
      }),
    );
    key.current = idempotencyKey();
    setAmount('');
    toast.success(t('care.comp.given', { amount: money(amountFen) }));
    reload();
  });
  if (!mayUse(account, ['arbiter'])) return null;
  return (
    <Form onSubmit={() => give.run()} label={t('care.comp.title')}>
      <h4>{t('care.comp.title')}</h4>
      <p className="hint">
        {t('care.comp.left', { left: money(story.caps.caseLeftFen), cap: money(story.caps.perCaseCapFen) })}
      </p>
      <SelectField
        label={t('care.comp.kind')}
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`care.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('care.comp.amount')}
        name="amountFen"
        inputMode="decimal"
        value={amount}
        required
        onChange={(e) => setAmount(e.target.value)}
        error={give.error}
      />
      <ErrorMessage error={give.error} />
      <Button type="submit" kind="danger" busy={give.busy}>
        {t('care.comp.give')}
      </Button>
    </Form>
  );
}

function OutcomeForm({ id, reload }: { id: number; reload(): void }) {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const confirm = useConfirm();
  const toast = useToast();
  const [outcome, setOutcome] = useState<Outcome>('compensated');
  const [note, setNote] = useState('');
  const save = useAction(async () => {
    const ok = await confirm({
      title: t('care.outcome.confirmTitle'),
      body: t('care.outcome.confirmBody', { outcome: tEnum('care.outcome.', outcome) }),
      confirmLabel: t('care.outcome.save'),
    });
    if (!ok) return;
    await unwrap(
      api.POST('/api/v1/ops/care/cases/{id}/outcome', {
        params: { path: { id } },
        body: { outcome, ...(note.trim() ? { note } : {}) },
      }),
    );
    toast.success(t('care.outcome.saved'));
    reload();
  });
  return (
    <Form onSubmit={() => save.run()} label={t('care.outcome.title')}>
      <h4>{t('care.outcome.title')}</h4>
      <SelectField
        label={t('care.outcome.label')}
        name="outcome"
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as Outcome)}
        error={save.error}
      >
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`care.outcome.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={t('care.outcome.note')}
        name="note"
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
      />
      <ErrorMessage error={save.error} />
      <Button type="submit" busy={save.busy}>
        {t('care.outcome.save')}
      </Button>
    </Form>
  );
}
