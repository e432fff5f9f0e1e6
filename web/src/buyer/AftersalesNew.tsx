import { useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { idempotencyKey, unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import {
  Button,
  ErrorMessage,
  Form,
  LoadState,
  Money,
  SelectField,
  TextArea,
  TextField,
} from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { EvidencePicker, type Upload } from './evidence.tsx';
import { guaranteeName, PageTitle, RequireBuyer, Thumb } from './parts.tsx';
import type { AftersalesOptions, NewAftersales, Order } from './types.ts';

type RequestType = NewAftersales['type'];
type Reason = NewAftersales['reason'];
type Line = Order['lines'][number];
type Options = AftersalesOptions;

export function NewAftersalesPage() {
  const { t } = useI18n();
  const orderId = Number(useParams().id);
  return (
    <RequireBuyer title={t('buyer.aftersales.newTitle')}>
      <NewAftersalesLoader orderId={orderId} />
    </RequireBuyer>
  );
}

function NewAftersalesLoader({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const api = useApi();
  const [params] = useSearchParams();
  const item = Number(params.get('item'));
  const loaded = useLoad(async () => {
    const order = await unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } }));
    const line = order.lines.find((l) => l.id === item) ?? order.lines[0]!;
    // The server's rule decides what fits this line; the form offers exactly that.
    const options = await unwrap(
      api.GET('/api/v1/aftersales/options', { params: { query: { orderId, orderLineId: line.id } } }),
    );
    return { order, line, options };
  }, [api, orderId, item]);
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.aftersales.newTitle')}</PageTitle>
      <LoadState loaded={loaded}>{(d) => <NewRequestForm {...d} />}</LoadState>
    </div>
  );
}

function NewRequestForm({ order, line, options }: { order: Order; line: Line; options: Options }) {
  const { t, tEnum, lang, money } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const types = options.types.map((o) => o.type);
  const guarantees = useLoad(() => unwrap(api.GET('/api/v1/guarantees')), [api]);
  const [type, setType] = useState<RequestType | ''>(options.defaultType ?? '');
  const reasons: Reason[] = options.types.find((o) => o.type === type)?.reasons ?? [];
  const [chosenReason, setReason] = useState<Reason | ''>('');
  // A reason chosen for another type stays only when it fits this one too.
  const reason = chosenReason && reasons.includes(chosenReason) ? chosenReason : '';
  const [missingReason, setMissingReason] = useState(false);
  const [quantity, setQuantity] = useState(line.quantity);
  const [description, setDescription] = useState('');
  const [guaranteeCode, setGuaranteeCode] = useState(options.claimable[0] ?? '');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const key = useRef<string | undefined>(undefined);
  const submit = useAction(async () => {
    if (!type || !reason) return undefined;
    key.current ??= idempotencyKey();
    const body: NewAftersales = {
      orderId: order.id,
      orderLineId: line.id,
      type,
      reason,
      quantity,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(type === 'guarantee_claim' && guaranteeCode ? { guaranteeCode } : {}),
      ...(uploads.length || description.trim()
        ? {
            evidence: {
              ...(description.trim() ? { text: description.trim() } : {}),
              fileIds: uploads.map((u) => u.id),
            },
          }
        : {}),
    };
    try {
      return await unwrap(
        api.POST('/api/v1/aftersales/requests', {
          params: { header: { 'idempotency-key': key.current } },
          body,
        }),
      );
    } finally {
      // a replay answers the first result, refusals included: a corrected form is a new request
      key.current = undefined;
    }
  });
  const names = new Map((guarantees.data ?? []).map((g) => [g.code as string, guaranteeName(lang, g)]));
  const refundFen = options.refund.byQuantity.find((q) => q.quantity === quantity)?.amountFen ?? 0;
  const refunds = type !== '' && type !== 'exchange' && type !== 'resend';
  return (
    <>
      <div className="card line">
        <Thumb title={line.title} />
        <div className="grow">
          <strong>{line.title}</strong>
          <div className="hint">{line.spec}</div>
          <div className="row">
            <Money fen={line.unitPriceFen} /> <span>× {line.quantity}</span>
          </div>
        </div>
      </div>
      {types.length === 0 ? (
        <p className="error" role="alert">
          {t('buyer.aftersales.notNow', { state: tEnum('buyer.orderState.', order.state) })}
        </p>
      ) : (
        <Form
          label={t('buyer.aftersales.newTitle')}
          onSubmit={async () => {
            if (!reason) {
              setMissingReason(true);
              return;
            }
            const created = await submit.run();
            if (created) navigate(`/aftersales/${created.id}`);
          }}
        >
          <SelectField
            label={t('buyer.aftersales.type')}
            name="type"
            value={type}
            error={submit.error}
            onChange={(e) => setType(e.target.value as RequestType)}
          >
            {types.map((ty) => (
              <option key={ty} value={ty}>
                {tEnum('buyer.asType.', ty)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('buyer.aftersales.reason')}
            name="reason"
            value={reason}
            error={submit.error}
            aria-required="true"
            hint={missingReason && !reason ? t('buyer.asForm.chooseFirst') : undefined}
            onChange={(e) => {
              setReason(e.target.value as Reason);
              setMissingReason(false);
            }}
          >
            <option value="" disabled>
              {t('buyer.asForm.choose')}
            </option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {tEnum('buyer.asReason.', r)}
              </option>
            ))}
          </SelectField>
          {type === 'guarantee_claim' ? (
            <SelectField
              label={t('buyer.aftersales.guarantee')}
              name="guaranteeCode"
              value={guaranteeCode}
              error={submit.error}
              onChange={(e) => setGuaranteeCode(e.target.value)}
            >
              {options.claimable.map((g) => (
                <option key={g} value={g}>
                  {names.get(g) ?? g}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField
            label={t('common.quantity')}
            name="quantity"
            type="number"
            min={1}
            max={line.quantity}
            value={quantity}
            error={submit.error}
            onChange={(e) => setQuantity(Math.max(1, Math.min(line.quantity, Number(e.target.value) || 1)))}
          />
          <TextArea
            label={t('buyer.aftersales.description')}
            name="description"
            value={description}
            maxLength={1000}
            error={submit.error}
            onChange={(e) => setDescription(e.target.value)}
          />
          <EvidencePicker uploads={uploads} onChange={setUploads} />
          <section className="card stack refund-preview" aria-labelledby="refund-preview-title">
            <h2 id="refund-preview-title">{t('buyer.asForm.refundTitle')}</h2>
            {refunds ? (
              <dl className="facts">
                <dt>{t('buyer.asForm.refundAmount')}</dt>
                <dd>
                  <Money fen={refundFen} />
                </dd>
                <dt>{t('buyer.asForm.refundTo')}</dt>
                <dd>{t(`buyer.asForm.${options.refund.destination}`)}</dd>
              </dl>
            ) : (
              <p className="hint">{t('buyer.asForm.noRefund')}</p>
            )}
            {refunds && quantity < line.quantity ? (
              <small className="hint">
                {t('buyer.asForm.upTo', {
                  amount: money(options.refund.byQuantity.at(-1)?.amountFen ?? refundFen),
                })}
              </small>
            ) : null}
          </section>
          <ErrorMessage error={submit.error} />
          <Button type="submit" busy={submit.busy}>
            {t('buyer.aftersales.submit')}
          </Button>
        </Form>
      )}
    </>
  );
}
