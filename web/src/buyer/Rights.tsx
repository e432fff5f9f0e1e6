import { useState } from 'react';
import { ApiError, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi, useSession } from '../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  ErrorMessage,
  Form,
  LoginForm,
  SelectField,
  TextArea,
  TextField,
} from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { EvidencePicker, type Upload } from './evidence.tsx';
import { PageTitle } from './parts.tsx';

type Json<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Holder = Json<'/api/v1/me/ip/rights-holder'>;
type Complaint = Json<'/api/v1/me/ip/complaints'>['items'][number];
type ComplaintReason = Complaint['reason'];
type Found = Json<'/api/v1/products'>['items'][number];

const REASONS: ComplaintReason[] = ['counterfeit', 'trademark', 'copyright', 'patent', 'other'];
const CERT_TONE = { pending: 'warn', certified: 'ok', rejected: 'bad' } as const;
const COMPLAINT_TONE: Record<Complaint['state'], string> = {
  ops_review: 'warn',
  upheld: 'ok',
  counter_noticed: 'warn',
  rejected: 'bad',
  restored: 'bad',
  confirmed: 'ok',
};

/** /rights: the rights holder's (权利人) centre — brand certifications, complaints and their outcome. */
export function RightsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const holder = useLoad(async () => {
    if (!account) return null;
    try {
      return await unwrap(api.GET('/api/v1/me/ip/rights-holder'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, [api, account]);
  if (!account)
    return (
      <div className="stack">
        <PageTitle>{t('buyer.rights.title')}</PageTitle>
        <p className="hint">{t('buyer.rights.signIn')}</p>
        <div className="card">
          <LoginForm />
        </div>
      </div>
    );
  return (
    <div className="stack">
      <PageTitle>{t('buyer.rights.title')}</PageTitle>
      <SkeletonLoadState loaded={holder}>
        {(h) =>
          h === null ? (
            <RegisterForm onDone={holder.reload} />
          ) : (
            <>
              <div className="card">
                <strong data-user-text>{h.name}</strong>
                <div className="hint" data-user-text>
                  {h.contact}
                </div>
              </div>
              <Certifications holder={h} onChange={holder.reload} />
              <Complaints />
            </>
          )
        }
      </SkeletonLoadState>
    </div>
  );
}

function RegisterForm({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const register = useAction(async () => {
    const made = await unwrap(
      api.POST('/api/v1/ip/rights-holders', { body: { name: name.trim(), contact: contact.trim() } }),
    );
    onDone();
    return made;
  });
  return (
    <Form className="card form" label={t('buyer.rights.register')} onSubmit={() => register.run()}>
      <h2>{t('buyer.rights.register')}</h2>
      <p className="hint">{t('buyer.rights.registerHint')}</p>
      <TextField
        label={t('buyer.rights.name')}
        name="name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={register.error}
      />
      <TextField
        label={t('buyer.rights.contact')}
        name="contact"
        required
        maxLength={200}
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        error={register.error}
      />
      <ErrorMessage error={register.error} />
      <Button type="submit" busy={register.busy}>
        {t('buyer.rights.registerSubmit')}
      </Button>
    </Form>
  );
}

function Certifications({ holder, onChange }: { holder: Holder; onChange(): void }) {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const toast = useToast();
  const brands = useLoad(() => unwrap(api.GET('/api/v1/brands')), [api]);
  const [brandId, setBrandId] = useState<number | undefined>();
  const [trademarkNo, setTrademarkNo] = useState('');
  const [note, setNote] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const brandName = (b: { name: string; nameEn?: string | null }) => (lang === 'en' && b.nameEn) || b.name;
  const claim = useAction(async () => {
    const chosen = brandId ?? brands.data?.[0]?.id;
    if (chosen === undefined) return undefined;
    const filed = await unwrap(
      api.POST('/api/v1/ip/certifications', {
        body: {
          brandId: chosen,
          trademarkNo: trademarkNo.trim(),
          evidenceFileIds: uploads.map((u) => u.id),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    );
    toast.success(t('buyer.rights.certFiled', { brand: filed.brand.name }));
    setTrademarkNo('');
    setNote('');
    setUploads([]);
    onChange();
    return filed;
  });
  return (
    <section className="stack" aria-labelledby="rights-certs">
      <h2 id="rights-certs">{t('buyer.rights.certs')}</h2>
      {holder.certifications.length === 0 ? (
        <EmptyState title={t('buyer.rights.noCerts')} hint={t('buyer.rights.noCertsHint')} />
      ) : (
        <ul className="stack">
          {holder.certifications.map((c) => (
            <li key={c.id} className="card">
              <div className="row">
                <strong data-user-text>{c.brand.name}</strong>
                <Badge tone={CERT_TONE[c.state]}>{tEnum('buyer.rights.certState.', c.state)}</Badge>
              </div>
              <div className="hint">
                {t('buyer.rights.trademarkNo')} <code>{c.trademarkNo}</code> ·{' '}
                <DateTime value={c.createdAt} />
              </div>
              <p className="hint">{tEnum('buyer.rights.certExplain.', c.state)}</p>
            </li>
          ))}
        </ul>
      )}
      <Form className="card form" label={t('buyer.rights.certify')} onSubmit={() => claim.run()}>
        <h3>{t('buyer.rights.certify')}</h3>
        <SelectField
          label={t('buyer.rights.brand')}
          name="brandId"
          value={brandId ?? brands.data?.[0]?.id ?? ''}
          onChange={(e) => setBrandId(Number(e.target.value))}
          error={claim.error}
        >
          {(brands.data ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {brandName(b)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('buyer.rights.trademarkNo')}
          name="trademarkNo"
          required
          hint={t('buyer.rights.trademarkHint')}
          value={trademarkNo}
          onChange={(e) => setTrademarkNo(e.target.value)}
          error={claim.error}
        />
        <TextArea
          label={t('buyer.rights.note')}
          name="note"
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={claim.error}
        />
        <EvidencePicker uploads={uploads} onChange={setUploads} />
        <ErrorMessage error={claim.error} />
        <Button type="submit" busy={claim.busy} disabled={uploads.length === 0}>
          {t('buyer.rights.certifySubmit')}
        </Button>
        {uploads.length === 0 ? <small className="hint">{t('buyer.rights.needEvidence')}</small> : null}
      </Form>
    </section>
  );
}

function Complaints() {
  const { t } = useI18n();
  const api = useApi();
  const complaints = useLoad(
    () => unwrap(api.GET('/api/v1/me/ip/complaints', { params: { query: { limit: 100 } } })),
    [api],
  );
  return (
    <section className="stack" aria-labelledby="rights-complaints">
      <h2 id="rights-complaints">{t('buyer.rights.complaints')}</h2>
      <SkeletonLoadState loaded={complaints}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={t('buyer.rights.noComplaints')} hint={t('buyer.rights.noComplaintsHint')} />
          ) : (
            <ul className="stack">
              {page.items.map((c) => (
                <ComplaintItem key={c.id} complaint={c} />
              ))}
            </ul>
          )
        }
      </SkeletonLoadState>
      <ComplaintForm onFiled={complaints.reload} />
    </section>
  );
}

function ComplaintItem({ complaint: c }: { complaint: Complaint }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const detail = useLoad(
    () =>
      open
        ? unwrap(api.GET('/api/v1/ip/complaints/{id}', { params: { path: { id: c.id } } }))
        : Promise.resolve(undefined),
    [api, c.id, open],
  );
  return (
    <li className="card stack" aria-label={t('buyer.rights.complaintLabel', { product: c.productTitle })}>
      <div className="row">
        <strong data-user-text>{c.productTitle}</strong>
        <Badge tone={COMPLAINT_TONE[c.state]}>{tEnum('buyer.rights.state.', c.state)}</Badge>
      </div>
      <div className="hint">
        {tEnum('buyer.rights.reason.', c.reason)} · {tEnum('buyer.rights.channel.', c.channel)} ·{' '}
        <DateTime value={c.createdAt} />
      </div>
      <p>{tEnum('buyer.rights.explain.', c.state)}</p>
      {c.state === 'upheld' && c.counterNoticeDueAt ? (
        <p className="hint">
          {t('buyer.rights.counterWindow')} <DateTime value={c.counterNoticeDueAt} />
        </p>
      ) : null}
      <div>
        <Button kind="link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('buyer.rights.hideProgress') : t('buyer.rights.showProgress')}
        </Button>
      </div>
      {open && detail.data ? (
        <ol aria-label={t('buyer.rights.progress')}>
          {detail.data.events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events are append-only, in order
            <li key={i}>
              <DateTime value={e.at} /> · {tEnum('buyer.rights.state.', e.toState)}
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function ComplaintForm({ onFiled }: { onFiled(): void }) {
  const { t, tEnum, money } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | undefined>();
  const [productId, setProductId] = useState<number | undefined>();
  const [reason, setReason] = useState<ComplaintReason>('counterfeit');
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const search = useAction(async () => {
    const page = await unwrap(api.GET('/api/v1/products', { params: { query: { q: q.trim(), limit: 20 } } }));
    setFound(page.items);
    setProductId(page.items[0]?.id);
    return page;
  });
  const product = found?.find((p) => p.id === productId);
  const file = useAction(async () => {
    if (!product) return undefined;
    const ok = await confirm({
      title: t('buyer.rights.fileConfirmTitle'),
      body: t('buyer.rights.fileConfirmBody', { product: product.title, shop: product.shopName }),
      confirmLabel: t('buyer.rights.fileSubmit'),
      danger: true,
    });
    if (!ok) return undefined;
    const filed = await unwrap(
      api.POST('/api/v1/ip/complaints', {
        body: { productId: product.id, reason, text: text.trim(), evidenceFileIds: uploads.map((u) => u.id) },
      }),
    );
    toast.success(t('buyer.rights.filed', { state: tEnum('buyer.rights.state.', filed.state) }));
    setText('');
    setUploads([]);
    setFound(undefined);
    setQ('');
    onFiled();
    return filed;
  });
  return (
    <div className="card stack">
      <h3>{t('buyer.rights.file')}</h3>
      <Form className="form" label={t('buyer.rights.findProduct')} onSubmit={() => search.run()}>
        <TextField
          label={t('buyer.rights.findProduct')}
          name="q"
          type="search"
          required
          value={q}
          onChange={(e) => setQ(e.target.value)}
          error={search.error}
        />
        <Button type="submit" kind="secondary" busy={search.busy}>
          {t('common.search')}
        </Button>
        <ErrorMessage error={search.error} />
      </Form>
      {found && found.length === 0 ? <p className="hint">{t('buyer.rights.noProducts')}</p> : null}
      {found && found.length > 0 ? (
        <Form className="form" label={t('buyer.rights.file')} onSubmit={() => file.run()}>
          <SelectField
            label={t('buyer.rights.product')}
            name="productId"
            value={productId ?? ''}
            onChange={(e) => setProductId(Number(e.target.value))}
            error={file.error}
          >
            {found.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.title} · ${p.shopName} · ${money(p.minPriceFen)}`}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('buyer.rights.reasonLabel')}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as ComplaintReason)}
            error={file.error}
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {tEnum('buyer.rights.reason.', r)}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('buyer.rights.text')}
            name="text"
            rows={3}
            required
            maxLength={2000}
            hint={t('buyer.rights.textHint')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={file.error}
          />
          <EvidencePicker uploads={uploads} onChange={setUploads} />
          <ErrorMessage error={file.error} />
          <Button type="submit" busy={file.busy} disabled={uploads.length === 0}>
            {t('buyer.rights.fileSubmit')}
          </Button>
          {uploads.length === 0 ? <small className="hint">{t('buyer.rights.needEvidence')}</small> : null}
        </Form>
      ) : null}
    </div>
  );
}
