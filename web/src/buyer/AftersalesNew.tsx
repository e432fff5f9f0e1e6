import { useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { idempotencyKey, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction, useLoad } from '../shared/hooks.ts';
import { useApi } from '../shared/session.tsx';
import {
  Button,
  ErrorMessage,
  Form,
  LoadState,
  Money,
  SelectField,
  TextArea,
  TextField,
} from '../shared/ui.tsx';
import { EvidencePicker, type Upload } from './evidence.tsx';
import { guaranteeName, PageTitle, RequireBuyer, Thumb } from './parts.tsx';
import type { NewAftersales, Order, OrderState } from './types.ts';

type RequestType = NewAftersales['type'];
type Reason = NewAftersales['reason'];

// DOMAIN.md §5: which order states each type of request fits (the server checks the same).
const TYPES_BY_STATE: Record<RequestType, OrderState[]> = {
  refund_only_unshipped: ['paid'],
  refund_only: ['shipped', 'delivered', 'completed'],
  return_refund: ['delivered', 'completed'],
  exchange: ['delivered', 'completed'],
  resend: ['delivered', 'completed'],
  guarantee_claim: ['delivered', 'completed'],
};

export const REASONS: Reason[] = [
  'no_reason',
  'dont_like',
  'ordered_wrong',
  'not_shipped_yet',
  'not_received',
  'quality_issue',
  'damaged',
  'not_as_described',
  'wrong_item',
  'missing_parts',
  'counterfeit',
  'spoiled',
  'melted',
  'allergy',
  'other',
];

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
  const order = useLoad(
    () => unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })),
    [api, orderId],
  );
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.aftersales.newTitle')}</PageTitle>
      <LoadState loaded={order}>{(o) => <NewRequestForm order={o} />}</LoadState>
    </div>
  );
}

function NewRequestForm({ order }: { order: Order }) {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const line = order.lines.find((l) => l.id === Number(params.get('item'))) ?? order.lines[0]!;
  const types = (Object.keys(TYPES_BY_STATE) as RequestType[]).filter((ty) =>
    TYPES_BY_STATE[ty].includes(order.state),
  );
  const guarantees = useLoad(() => unwrap(api.GET('/api/v1/guarantees')), [api]);
  const [type, setType] = useState<RequestType | ''>(types[0] ?? '');
  const [reason, setReason] = useState<Reason>(order.state === 'paid' ? 'not_shipped_yet' : 'no_reason');
  const [quantity, setQuantity] = useState(line.quantity);
  const [description, setDescription] = useState('');
  const [guaranteeCode, setGuaranteeCode] = useState(line.guarantees[0] ?? '');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const key = useRef<string | undefined>(undefined);
  const submit = useAction(async () => {
    if (!type) return undefined;
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
            onChange={(e) => setReason(e.target.value as Reason)}
          >
            {REASONS.map((r) => (
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
              {line.guarantees.map((g) => (
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
          <ErrorMessage error={submit.error} />
          <Button type="submit" busy={submit.busy}>
            {t('buyer.aftersales.submit')}
          </Button>
        </Form>
      )}
    </>
  );
}
