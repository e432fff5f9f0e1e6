import { useState } from 'react';
import { ApiError, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DateTimeField, useZonedTime } from '../date-time-field.tsx';
import { useConfirm, useToast } from '../feedback.tsx';
import { useAction } from '../hooks.ts';
import { useApi } from '../session.tsx';
import { Button, ErrorMessage, Form, SelectField, TextField } from '../ui.tsx';
import { zheToBp } from './coupon-rule.ts';
import type { Campaign } from './coupon-types.ts';

/** Whose coupon the form creates: a shop's, the platform's, or a live room's (of the room's shop). */
export type CampaignScope =
  | { kind: 'shop'; shopId: number }
  | { kind: 'platform' }
  | { kind: 'live'; sessionId: number };

type Kind = Campaign['kind'];

interface Fields {
  title: string;
  kind: Kind;
  threshold: string;
  discount: string;
  rate: string;
  cap: string;
  claimStartsAt: string;
  claimEndsAt: string;
  validDays: string;
  perBuyerLimit: string;
  issueCap: string;
}

const EMPTY: Fields = {
  title: '',
  kind: 'threshold',
  threshold: '',
  discount: '',
  rate: '9',
  cap: '',
  claimStartsAt: '',
  claimEndsAt: '',
  validDays: '7',
  perBuyerLimit: '1',
  issueCap: '100',
};

const KINDS: Kind[] = ['threshold', 'percent', 'no_threshold'];

/** Yuan typed by a person ("12.5") as integer fen, or undefined when it is not an amount. */
function yuanToFen(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return undefined;
  const [whole, frac = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/**
 * The coupon form (product rules §9 Coupons): name, type and its terms in ¥ or 折, the claim window (a
 * live-room coupon opens now and closes at an optional time), days valid after claiming, the per-buyer
 * limit and the total. Problems are shown beside the fields, the server's included.
 */
export function CampaignForm({ scope, onCreated }: { scope: CampaignScope; onCreated?(c: Campaign): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const confirm = useConfirm();
  const zoned = useZonedTime();
  const [form, setForm] = useState<Fields>(EMPTY);
  const [local, setLocal] = useState<ApiError>();
  const live = scope.kind === 'live';

  const create = useAction(async () => {
    setLocal(undefined);
    const problems: { field: string; reason: string }[] = [];
    const amount = (text: string, field: string, optional: boolean) => {
      if (optional && text.trim() === '') return undefined;
      const fen = yuanToFen(text);
      if (fen === undefined || fen <= 0) problems.push({ field, reason: t('coupon.form.amountInvalid') });
      return fen;
    };
    const { kind } = form;
    const thresholdFen =
      kind === 'no_threshold' ? undefined : amount(form.threshold, 'thresholdFen', kind === 'percent');
    const discountFen = kind === 'percent' ? undefined : amount(form.discount, 'discountFen', false);
    const capFen = kind === 'percent' ? amount(form.cap, 'capFen', true) : undefined;
    const percentBp = kind === 'percent' ? zheToBp(form.rate) : undefined;
    if (kind === 'percent' && percentBp === undefined)
      problems.push({ field: 'percentBp', reason: t('coupon.form.rateInvalid') });
    if (!form.title.trim()) problems.push({ field: 'title', reason: t('coupon.form.required') });
    if (!live && !form.claimEndsAt)
      problems.push({ field: 'claimEndsAt', reason: t('coupon.form.required') });
    const numbers = {
      validDays: whole(form.validDays),
      perBuyerLimit: whole(form.perBuyerLimit),
      issueCap: whole(form.issueCap),
    };
    for (const [field, value] of Object.entries(numbers))
      if (!value) problems.push({ field, reason: 'must be >= 1' });
    if (problems.length > 0) {
      setLocal(new ApiError(400, 'validation_failed', 'invalid input', { fields: problems }));
      return undefined;
    }
    const terms = {
      title: form.title.trim(),
      kind,
      ...(thresholdFen === undefined ? {} : { thresholdFen }),
      ...(discountFen === undefined ? {} : { discountFen }),
      ...(percentBp === undefined ? {} : { percentBp }),
      ...(capFen === undefined ? {} : { capFen }),
      validDays: numbers.validDays!,
      perBuyerLimit: numbers.perBuyerLimit!,
      issueCap: numbers.issueCap!,
    };
    // A live coupon can be claimed by every viewer as soon as it is issued, and claimed coupons stay usable.
    if (live) {
      const ok = await confirm({
        title: t('coupon.form.liveConfirmTitle'),
        body: t('coupon.form.liveConfirmBody', { title: terms.title, cap: terms.issueCap }),
        confirmLabel: t('coupon.form.liveSubmit'),
      });
      if (!ok) return undefined;
    }
    const claimEndsAt = form.claimEndsAt ? zoned.toIso(form.claimEndsAt) : undefined;
    const window = {
      claimStartsAt: form.claimStartsAt ? zoned.toIso(form.claimStartsAt) : new Date().toISOString(),
      claimEndsAt: claimEndsAt!,
    };
    const created =
      scope.kind === 'live'
        ? await unwrap(
            api.POST('/api/v1/live/sessions/{id}/coupons', {
              params: { path: { id: scope.sessionId } },
              body: { ...terms, ...(claimEndsAt ? { claimEndsAt } : {}) },
            }),
          )
        : scope.kind === 'shop'
          ? await unwrap(
              api.POST('/api/v1/shops/{id}/coupons', {
                params: { path: { id: scope.shopId } },
                body: { ...terms, ...window },
              }),
            )
          : await unwrap(api.POST('/api/v1/ops/coupons', { body: { ...terms, ...window } }));
    setForm(EMPTY);
    toast.success(t(live ? 'coupon.form.liveCreated' : 'coupon.form.created'));
    onCreated?.(created);
    return created;
  });
  const error = local ?? create.error;
  const set = (field: keyof Fields) => (e: { target: { value: string } }) => {
    setLocal(undefined);
    setForm((f) => ({ ...f, [field]: e.target.value }));
  };
  const heading = t(
    scope.kind === 'live'
      ? 'coupon.form.liveTitle'
      : scope.kind === 'shop'
        ? 'coupon.form.shopTitle'
        : 'coupon.form.platformTitle',
  );

  return (
    <Form className="card form" label={heading} onSubmit={() => create.run()}>
      <h3>{heading}</h3>
      <TextField
        label={t('coupon.form.name')}
        name="title"
        maxLength={30}
        required
        value={form.title}
        onChange={set('title')}
        hint={t('coupon.form.nameHint')}
        error={error}
      />
      <SelectField
        label={t('coupon.form.kind')}
        name="kind"
        value={form.kind}
        onChange={set('kind')}
        error={error}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`coupon.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      {form.kind !== 'no_threshold' ? (
        <TextField
          label={t(form.kind === 'percent' ? 'coupon.form.thresholdOptional' : 'coupon.form.threshold')}
          name="thresholdFen"
          inputMode="decimal"
          required={form.kind === 'threshold'}
          value={form.threshold}
          onChange={set('threshold')}
          hint={t('coupon.form.thresholdHint')}
          error={error}
        />
      ) : null}
      {form.kind === 'percent' ? (
        <>
          <TextField
            label={t('coupon.form.rate')}
            name="percentBp"
            inputMode="decimal"
            required
            value={form.rate}
            onChange={set('rate')}
            hint={t('coupon.form.rateHint')}
            error={error}
          />
          <TextField
            label={t('coupon.form.cap')}
            name="capFen"
            inputMode="decimal"
            value={form.cap}
            onChange={set('cap')}
            error={error}
          />
        </>
      ) : (
        <TextField
          label={t('coupon.form.discount')}
          name="discountFen"
          inputMode="decimal"
          required
          value={form.discount}
          onChange={set('discount')}
          error={error}
        />
      )}
      {live ? null : (
        <DateTimeField
          label={t('coupon.form.claimStartsAt')}
          name="claimStartsAt"
          value={form.claimStartsAt}
          onChange={(v) => setForm((f) => ({ ...f, claimStartsAt: v }))}
          hint={t('coupon.form.claimStartsAtHint')}
          error={error}
        />
      )}
      <DateTimeField
        label={t('coupon.form.claimEndsAt')}
        name="claimEndsAt"
        value={form.claimEndsAt}
        onChange={(v) => setForm((f) => ({ ...f, claimEndsAt: v }))}
        hint={live ? t('coupon.form.liveClaimEndsAtHint') : undefined}
        required={!live}
        error={error}
      />
      <TextField
        label={t('coupon.form.validDays')}
        name="validDays"
        type="number"
        min={1}
        max={365}
        required
        value={form.validDays}
        onChange={set('validDays')}
        error={error}
      />
      <TextField
        label={t('coupon.form.perBuyerLimit')}
        name="perBuyerLimit"
        type="number"
        min={1}
        max={10}
        required
        value={form.perBuyerLimit}
        onChange={set('perBuyerLimit')}
        error={error}
      />
      <TextField
        label={t('coupon.form.issueCap')}
        name="issueCap"
        type="number"
        min={1}
        required
        value={form.issueCap}
        onChange={set('issueCap')}
        error={error}
      />
      <ErrorMessage error={error} />
      <Button type="submit" busy={create.busy}>
        {t(live ? 'coupon.form.liveSubmit' : 'coupon.form.submit')}
      </Button>
    </Form>
  );
}
