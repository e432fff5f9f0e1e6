import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, ErrorMessage, Form, LoadState, SelectField, TextArea, TextField } from '../common/ui.tsx';
import { type Translate, useI18n } from '../i18n/index.tsx';
import { ProductScreening } from './ProductScreening.tsx';
import { PageHead } from './parts.tsx';
import { ProductImages } from './products/ProductImages.tsx';
import { NewSkuRows, type SkuDraft, SkuTable, skuDraftsToBody } from './Skus.tsx';
import { useShop } from './shop.tsx';
import type { Brand, Category, CategoryNode, GuaranteeCode, Product } from './types.ts';

const GUARANTEES: GuaranteeCode[] = [
  'no_reason_7d',
  'freight_insurance',
  'fake_pays_n',
  'authenticity',
  'spoiled_refund',
  'damage_refund',
  'allergy_refund',
  'melted_refund',
  'segment_refund',
  'used_phone_warranty',
];

interface Draft {
  title: string;
  description: string;
  imageUrl: string;
  categoryId: string;
  brandId: string;
  qualificationNo: string;
  guarantees: GuaranteeCode[];
  commissionPct: string;
  /** '' → the shop's default template. */
  freightTemplateId: string;
  /** '' → in stock (not a pre-sale). */
  presaleDays: string;
}

function draftOf(p: Product | undefined): Draft {
  return {
    title: p?.title ?? '',
    description: p?.description ?? '',
    imageUrl: p?.imageUrl ?? '',
    categoryId: p ? String(p.categoryId) : '',
    brandId: p?.brand ? String(p.brand.id) : '',
    qualificationNo: p?.qualificationNo ?? '',
    guarantees: p?.optInGuarantees ?? [],
    commissionPct: p?.creatorCommissionBp != null ? String(p.creatorCommissionBp / 100) : '',
    freightTemplateId: p?.freightTemplateId != null ? String(p.freightTemplateId) : '',
    presaleDays: p?.presaleShipDays != null ? String(p.presaleShipDays) : '',
  };
}

/** The first choice of the template select: the shop's default, named, or free shipping when there is none. */
function defaultTemplateLabel(
  templates: { name: string; isDefault: boolean }[] | undefined,
  t: Translate,
): string {
  const fallback = templates?.find((x) => x.isDefault);
  if (!templates) return t('merchant.product.freightDefault');
  return fallback
    ? t('merchant.product.freightDefaultNamed', { name: fallback.name })
    : t('merchant.product.freightNoDefault');
}

/** Leaf categories (where products sit), each with its top-level group. */
function leavesOf(tree: CategoryNode[]): { group: string; groupEn: string; category: Category }[] {
  const out: { group: string; groupEn: string; category: Category }[] = [];
  const walk = (node: CategoryNode, top: Category) => {
    if (node.children.length === 0)
      out.push({ group: top.name, groupEn: top.nameEn, category: node.category });
    for (const child of node.children) walk(child as CategoryNode, top);
  };
  for (const root of tree) walk(root, root.category);
  return out;
}

/** The server names a missing qualification number in English; the form says it in the reader's words. */
function localised(error: ApiError | undefined, missingNumber: string): ApiError | undefined {
  if (!error?.fields.some((f) => f.field === 'qualificationNo' && f.reason.startsWith('required')))
    return error;
  const fields = error.fields.map((f) =>
    f.field === 'qualificationNo' && f.reason.startsWith('required') ? { ...f, reason: missingNumber } : f,
  );
  return new ApiError(error.status, error.code, error.message, { ...error.details, fields });
}

/** /merchant/products/new and /merchant/products/:id: the product form, its SKUs and its screening. */
export function ProductEditor() {
  const { productId } = useParams();
  const api = useApi();
  const { shop } = useShop();
  const id = productId ? Number(productId) : undefined;
  const refs = useLoad(
    () =>
      Promise.all([unwrap(api.GET('/api/v1/categories')), unwrap(api.GET('/api/v1/brands'))]).then(
        ([categories, brands]) => ({ categories, brands }),
      ),
    [api],
  );
  const product = useLoad(
    () =>
      id === undefined
        ? Promise.resolve(null)
        : unwrap(
            api.GET('/api/v1/shops/{id}/products/{productId}', {
              params: { path: { id: shop.id, productId: id } },
            }),
          ),
    [api, shop.id, id],
  );
  return (
    <LoadState loaded={refs}>
      {({ categories, brands }) => (
        <LoadState loaded={product}>
          {(p) => (
            <EditorBody
              key={p ? p.id : 'new'}
              product={p ?? undefined}
              leaves={leavesOf(categories)}
              brands={brands}
              onChange={(next) => product.set(next)}
            />
          )}
        </LoadState>
      )}
    </LoadState>
  );
}

function EditorBody({
  product,
  leaves,
  brands,
  onChange,
}: {
  product: Product | undefined;
  leaves: ReturnType<typeof leavesOf>;
  brands: Brand[];
  onChange(p: Product): void;
}) {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const { shop } = useShop();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [skus, setSkus] = useState<SkuDraft[]>([
    { code: '', spec: '', price: '', stock: '', limit: '', weight: '' },
  ]);
  const templates = useLoad(
    () =>
      unwrap(api.GET('/api/v1/shops/{id}/freight-templates', { params: { path: { id: shop.id } } })).then(
        (r) => r.items,
      ),
    [api, shop.id],
  );
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'bad' }>();
  useEffect(() => setDraft(draftOf(product)), [product]);
  const category = leaves.find((l) => String(l.category.id) === draft.categoryId)?.category;
  const defaults = category?.defaultGuarantees ?? [];
  const required = category?.requiredQualifications ?? [];
  const dirty = useMemo(() => JSON.stringify(draftOf(product)) !== JSON.stringify(draft), [product, draft]);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setNotice(undefined);
  };

  const fields = () => {
    const pct = draft.commissionPct.trim();
    const commission = pct === '' ? null : Math.round(Number(pct) * 100);
    if (commission !== null && !Number.isSafeInteger(commission))
      throw new ApiError(400, 'validation_failed', 'commission', {
        fields: [{ field: 'creatorCommissionBp', reason: t('merchant.product.commissionInvalid') }],
      });
    const days = draft.presaleDays.trim() === '' ? null : Number(draft.presaleDays);
    if (days !== null && (!Number.isSafeInteger(days) || days < 4 || days > 45))
      throw new ApiError(400, 'validation_failed', 'presale', {
        fields: [{ field: 'presaleShipDays', reason: t('merchant.product.presaleInvalid') }],
      });
    return {
      title: draft.title,
      description: draft.description,
      imageUrl: draft.imageUrl.trim() ? draft.imageUrl.trim() : null,
      categoryId: Number(draft.categoryId),
      brandId: draft.brandId ? Number(draft.brandId) : null,
      qualificationNo: draft.qualificationNo.trim() ? draft.qualificationNo.trim() : null,
      guarantees: draft.guarantees.filter((g) => !defaults.includes(g)),
      creatorCommissionBp: commission,
      freightTemplateId: draft.freightTemplateId ? Number(draft.freightTemplateId) : null,
      presaleShipDays: days,
    };
  };

  const save = useAction(async () => {
    if (!product) {
      const created = await unwrap(
        api.POST('/api/v1/shops/{id}/products', {
          params: { path: { id: shop.id } },
          body: { ...fields(), skus: skuDraftsToBody(skus, t) },
        }),
      );
      navigate(`/merchant/products/${created.id}`);
      return created;
    }
    const saved = await unwrap(
      api.PATCH('/api/v1/shops/{id}/products/{productId}', {
        params: { path: { id: shop.id, productId: product.id } },
        body: fields(),
      }),
    );
    onChange(saved);
    setNotice({ text: t('common.saved'), tone: 'ok' });
    return saved;
  });

  const submit = useAction(async () => {
    if (!product) return;
    if (dirty)
      await unwrap(
        api.PATCH('/api/v1/shops/{id}/products/{productId}', {
          params: { path: { id: shop.id, productId: product.id } },
          body: fields(),
        }),
      );
    const next = await unwrap(
      api.POST('/api/v1/shops/{id}/products/{productId}/submit', {
        params: { path: { id: shop.id, productId: product.id } },
      }),
    );
    onChange(next);
    setNotice({
      text: tEnum('merchant.product.submitted.', next.state),
      tone: next.state === 'rejected' || next.state === 'blocked' ? 'bad' : 'ok',
    });
    return next;
  });

  const [delistReason, setDelistReason] = useState('');
  const delist = useAction(async () => {
    if (!product) return;
    const next = await unwrap(
      api.POST('/api/v1/shops/{id}/products/{productId}/delist', {
        params: { path: { id: shop.id, productId: product.id } },
        body: delistReason.trim() ? { reason: delistReason.trim() } : {},
      }),
    );
    onChange(next);
    return next;
  });

  const error = localised(
    save.error ?? submit.error,
    t('merchant.product.qualificationRequired', {
      kinds: required.map((q) => tEnum('merchant.qualification.', q)).join(' / '),
    }),
  );
  const canSubmit = product && ['draft', 'rejected', 'delisted'].includes(product.state);
  const groups = [...new Set(leaves.map((l) => (lang === 'zh' ? l.group : l.groupEn)))];

  return (
    <section>
      <PageHead title={product ? product.title : t('merchant.product.newTitle')}>
        <Link to="/merchant/products">{t('merchant.product.backToList')}</Link>
      </PageHead>
      <div className={product ? 'm-two' : ''}>
        <div className="stack">
          <Form
            className="form m-wide-form card"
            label={t('merchant.product.formLabel')}
            onSubmit={() => save.run()}
          >
            <TextField
              label={t('merchant.product.title')}
              name="title"
              value={draft.title}
              maxLength={60}
              required
              onChange={(e) => set({ title: e.target.value })}
              error={error}
            />
            <TextArea
              label={t('merchant.product.description')}
              name="description"
              rows={3}
              value={draft.description}
              onChange={(e) => set({ description: e.target.value })}
              error={error}
            />
            <TextField
              label={t('merchant.product.imageUrl')}
              name="imageUrl"
              type="url"
              value={draft.imageUrl}
              hint={t('merchant.product.imageUrlHint')}
              onChange={(e) => set({ imageUrl: e.target.value })}
              error={error}
            />
            <SelectField
              label={t('merchant.product.category')}
              name="categoryId"
              value={draft.categoryId}
              required
              onChange={(e) => set({ categoryId: e.target.value })}
              error={error}
            >
              <option value="">{t('merchant.product.chooseCategory')}</option>
              {groups.map((g) => (
                <optgroup key={g} label={g}>
                  {leaves
                    .filter((l) => (lang === 'zh' ? l.group : l.groupEn) === g)
                    .map((l) => (
                      <option key={l.category.id} value={l.category.id}>
                        {lang === 'zh' ? l.category.name : l.category.nameEn}
                      </option>
                    ))}
                </optgroup>
              ))}
            </SelectField>
            {category ? (
              <p className="hint">
                {required.length > 0
                  ? t('merchant.product.categoryRegulated', {
                      kinds: required.map((q) => tEnum('merchant.qualification.', q)).join(' / '),
                    })
                  : t('merchant.product.categoryPlain')}
              </p>
            ) : null}
            {required.length > 0 ? (
              <TextField
                label={t('merchant.product.qualificationNo')}
                name="qualificationNo"
                value={draft.qualificationNo}
                maxLength={64}
                hint={required.map((q) => tEnum('merchant.qualificationExample.', q)).join(' / ')}
                onChange={(e) => set({ qualificationNo: e.target.value })}
                error={error}
              />
            ) : null}
            <SelectField
              label={t('merchant.product.brand')}
              name="brandId"
              value={draft.brandId}
              hint={t('merchant.product.brandHint')}
              onChange={(e) => set({ brandId: e.target.value })}
              error={error}
            >
              <option value="">{t('merchant.product.noBrand')}</option>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {lang === 'en' && b.nameEn ? b.nameEn : b.name}
                </option>
              ))}
            </SelectField>
            <fieldset>
              <legend>{t('merchant.product.guarantees')}</legend>
              {GUARANTEES.map((g) => {
                const byDefault = defaults.includes(g);
                return (
                  <label key={g} className="row">
                    <input
                      type="checkbox"
                      name="guarantees"
                      value={g}
                      checked={byDefault || draft.guarantees.includes(g)}
                      disabled={byDefault}
                      onChange={(e) =>
                        set({
                          guarantees: e.target.checked
                            ? [...draft.guarantees, g]
                            : draft.guarantees.filter((x) => x !== g),
                        })
                      }
                    />
                    {tEnum('merchant.guarantee.', g)}
                    {byDefault ? (
                      <small className="hint">{t('merchant.product.guaranteeDefault')}</small>
                    ) : null}
                  </label>
                );
              })}
            </fieldset>
            <TextField
              label={t('merchant.product.commission')}
              name="creatorCommissionBp"
              inputMode="decimal"
              value={draft.commissionPct}
              hint={t('merchant.product.commissionHint')}
              onChange={(e) => set({ commissionPct: e.target.value })}
              error={error}
            />
            <SelectField
              label={t('merchant.product.freightTemplate')}
              name="freightTemplateId"
              value={draft.freightTemplateId}
              hint={t('merchant.product.freightHint')}
              onChange={(e) => set({ freightTemplateId: e.target.value })}
              error={error}
            >
              <option value="">{defaultTemplateLabel(templates.data, t)}</option>
              {(templates.data ?? []).map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('merchant.product.presaleDays')}
              name="presaleShipDays"
              inputMode="numeric"
              value={draft.presaleDays}
              hint={t('merchant.product.presaleHint')}
              onChange={(e) => set({ presaleDays: e.target.value })}
              error={error}
            />
            {!product ? <NewSkuRows skus={skus} onChange={setSkus} error={error} /> : null}
            <ErrorMessage error={error} />
            {notice ? (
              <p className={notice.tone === 'bad' ? 'error' : 'notice'} role="status">
                {notice.text}
              </p>
            ) : null}
            <div className="row">
              <Button type="submit" kind={canSubmit ? 'secondary' : 'primary'} busy={save.busy}>
                {product ? t('common.save') : t('merchant.product.create')}
              </Button>
              {canSubmit ? (
                <Button onClick={() => void submit.run()} busy={submit.busy}>
                  {t('merchant.product.submit')}
                </Button>
              ) : null}
            </div>
          </Form>
          {product ? <ProductImages product={product} onChange={onChange} /> : null}
          {product ? <SkuTable product={product} onChange={onChange} /> : null}
          {product?.state === 'listed' ? (
            <Form
              className="card m-inline-form"
              label={t('merchant.product.delist')}
              onSubmit={() => delist.run()}
            >
              <TextField
                label={t('merchant.product.delistReason')}
                name="reason"
                value={delistReason}
                onChange={(e) => setDelistReason(e.target.value)}
                error={delist.error}
              />
              <Button type="submit" kind="danger" busy={delist.busy}>
                {t('merchant.product.delist')}
              </Button>
              <ErrorMessage error={delist.error} />
            </Form>
          ) : null}
        </div>
        {product ? (
          <ProductScreening
            product={product}
            category={leaves.find((l) => l.category.id === product.categoryId)?.category}
            shopId={shop.id}
          />
        ) : null}
      </div>
    </section>
  );
}
