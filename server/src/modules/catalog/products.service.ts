import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { assertTransition, transitionRow } from '../../platform/state-machine.ts';
import { templateBelongsToShop } from '../freight/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { brandExists } from './brands.service.ts';
import { invalidFields, taken } from './catalog.errors.ts';
import { type Category, findCategory } from './categories.service.ts';
import { refusedGuarantees } from './category-guarantees.rule.ts';
import type { GuaranteeCode } from './guarantees.ts';
import { productTransitions } from './product.machine.ts';
import {
  type CreateProductInput,
  MAX_STOCK,
  type SkuInput,
  type UpdateProductInput,
  type UpdateSkuInput,
} from './product.schema.ts';
import { changedContent, stateAfterEdit } from './product-edit.rule.ts';
import { getAnyProduct, type ManagedProduct, requireShopProduct, type Sku } from './product-query.service.ts';
import { type FieldProblem, reviewProblems } from './review-readiness.rule.ts';
import { reindexSearchText } from './search-index.ts';
import { applyPriceEdits, newSkuClaimProblems, recordPrices } from './sku-prices.service.ts';
import { publishStockTicks } from './stock-ticks.ts';

const skuColumns = [
  'id',
  'code',
  'spec',
  'priceFen',
  'originalPriceFen',
  'stock',
  'purchaseLimit',
  'weightGrams',
] as const;

const foreignTemplate = () => invalidField('freightTemplateId', 'not a freight template of this shop');

/** A product may only ship on a template of its own shop (null: the shop's default). */
async function assertTemplate(db: Executor, shopId: number, templateId: number | null | undefined) {
  if (templateId != null && !(await templateBelongsToShop(db, templateId, shopId))) throw foreignTemplate();
}

/** A template deleted between the check and the write: the foreign key refuses it. */
async function refusingDeletedTemplate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw foreignTemplate();
    throw err;
  }
}

async function requireCategory(db: Executor, categoryId: number): Promise<Category> {
  const category = await findCategory(db, categoryId);
  if (!category) throw invalidField('categoryId', 'unknown category');
  return category;
}

async function assertBrand(db: Executor, brandId: number | null | undefined): Promise<void> {
  if (brandId != null && !(await brandExists(db, brandId))) throw invalidField('brandId', 'unknown brand');
}

function guaranteeProblems(category: Category, guarantees: readonly GuaranteeCode[]): FieldProblem[] {
  return refusedGuarantees(category, guarantees).map((r) => ({
    field: 'guarantees',
    reason: `${r.code}: ${r.reason}`,
  }));
}

function duplicateCodeProblems(skus: readonly SkuInput[]): FieldProblem[] {
  const seen = new Set<string>();
  return skus.flatMap((sku, i) => {
    if (!seen.has(sku.code)) {
      seen.add(sku.code);
      return [];
    }
    return [{ field: `skus.${i}.code`, reason: `duplicate SKU code "${sku.code}"` }];
  });
}

const skuValues = (productId: number, sku: SkuInput) => ({
  productId,
  code: sku.code,
  spec: sku.spec?.trim() ?? '',
  priceFen: sku.priceFen,
  originalPriceFen: sku.originalPriceFen ?? null,
  stock: sku.stock,
  purchaseLimit: sku.purchaseLimit ?? null,
  weightGrams: sku.weightGrams ?? 0,
});

/** A shop member creates a product with its SKUs, in state draft. */
export async function createProduct(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: CreateProductInput,
  clock: Clock,
): Promise<ManagedProduct> {
  await requireShopMember(db, principal, shopId);
  const category = await requireCategory(db, input.categoryId);
  await assertBrand(db, input.brandId);
  await assertTemplate(db, shopId, input.freightTemplateId);
  const guarantees = input.guarantees ?? [];
  const problems = [
    ...guaranteeProblems(category, guarantees),
    ...duplicateCodeProblems(input.skus),
    ...newSkuClaimProblems(input.skus, clock.now(), (i) => `skus.${i}.`),
  ];
  if (problems.length > 0) throw invalidFields(problems);

  const productId = await refusingDeletedTemplate(() =>
    db.transaction().execute(async (tx) => {
      const now = clock.now();
      const product = await tx
        .insertInto('products')
        .values({
          shopId,
          categoryId: input.categoryId,
          brandId: input.brandId ?? null,
          title: input.title.trim(),
          description: input.description ?? '',
          imageUrl: input.imageUrl ?? null,
          guarantees,
          qualificationNo: input.qualificationNo?.trim() ?? null,
          creatorCommissionBp: input.creatorCommissionBp ?? null,
          freightTemplateId: input.freightTemplateId ?? null,
          presaleShipDays: input.presaleShipDays ?? null,
          stateReason: null,
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const skus = await tx
        .insertInto('skus')
        .values(input.skus.map((sku) => ({ ...skuValues(product.id, sku), createdAt: now })))
        .returning(['id', 'priceFen'])
        .execute();
      await recordPrices(
        tx,
        skus.map((k) => ({ skuId: k.id, priceFen: k.priceFen })),
        now,
      );
      await reindexSearchText(tx, [product.id]);
      await tx
        .insertInto('productEvents')
        .values({
          productId: product.id,
          fromState: null,
          toState: 'draft',
          actorId: principal.userId,
          reason: 'created',
          at: now,
        })
        .execute();
      return product.id;
    }),
  );
  return getAnyProduct(db, productId);
}

/**
 * Edits a product. Changing what buyers read about a listed product (title, description, image,
 * category, brand, guarantees, qualification) sends it back to review; the commission does not.
 */
export async function updateProduct(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  input: UpdateProductInput,
  clock: Clock,
): Promise<ManagedProduct> {
  await requireShopProduct(db, principal, shopId, productId);
  await assertTemplate(db, shopId, input.freightTemplateId);
  await refusingDeletedTemplate(() =>
    db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('products')
        .select([
          'state',
          'title',
          'description',
          'imageUrl',
          'categoryId',
          'brandId',
          'guarantees',
          'qualificationNo',
        ])
        .where('id', '=', productId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      // Commission, template and pre-sale days are not what review judges: they change without one.
      const { creatorCommissionBp, freightTemplateId, presaleShipDays, ...content } = input;
      const edit = {
        ...content,
        ...(content.title !== undefined ? { title: content.title.trim() } : {}),
        ...(content.qualificationNo != null ? { qualificationNo: content.qualificationNo.trim() } : {}),
      };
      const changed = changedContent(current, edit);
      const next = stateAfterEdit(current.state, changed.length > 0);
      if (next === null) {
        throw new AppError(
          'invalid_transition',
          `product ${productId} is ${current.state} and cannot be edited`,
          {
            from: current.state,
          },
        );
      }

      if (next !== current.state)
        assertTransition(productTransitions, `product ${productId}`, current.state, next);
      const category = await requireCategory(tx, edit.categoryId ?? current.categoryId);
      await assertBrand(tx, edit.brandId);
      const guarantees = edit.guarantees ?? (current.guarantees as GuaranteeCode[]);
      const qualificationNo =
        edit.qualificationNo === undefined ? current.qualificationNo : edit.qualificationNo;
      // A product waiting for review must stay fit for it; otherwise only the guarantees must fit.
      const problems =
        next === 'in_review'
          ? reviewProblems(category, { qualificationNo, guarantees })
          : guaranteeProblems(category, guarantees);
      if (problems.length > 0) throw invalidFields(problems);

      const now = clock.now();
      const set = {
        ...edit,
        ...(creatorCommissionBp !== undefined ? { creatorCommissionBp } : {}),
        ...(freightTemplateId !== undefined ? { freightTemplateId } : {}),
        ...(presaleShipDays !== undefined ? { presaleShipDays } : {}),
        updatedAt: now,
      };
      if (next !== current.state) {
        await transitionRow(tx, 'products', {
          machine: productTransitions,
          what: `product ${productId}`,
          key: { id: productId },
          from: current.state,
          to: next,
          set: { ...set, stateReason: null },
        });
      } else {
        await tx.updateTable('products').set(set).where('id', '=', productId).execute();
      }
      // Buyers find it by its new words at once (product rules §7.4).
      if (edit.title !== undefined || edit.brandId !== undefined || edit.categoryId !== undefined)
        await reindexSearchText(tx, [productId]);
      if (next !== current.state) {
        await tx
          .insertInto('productEvents')
          .values({
            productId,
            fromState: current.state,
            toState: next,
            actorId: principal.userId,
            reason: `content edited: ${changed.join(', ')}`,
            at: now,
          })
          .execute();
      }
    }),
  );
  return getAnyProduct(db, productId);
}

// The product table's "updated" column counts price and stock changes too (in the SKU change's transaction).
const touchProduct = (tx: Executor, productId: number, clock: Clock) =>
  tx.updateTable('products').set({ updatedAt: clock.now() }).where('id', '=', productId).execute();

async function assertEditable(db: Executor, productId: number): Promise<void> {
  const { state } = await db
    .selectFrom('products')
    .select('state')
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
  if (stateAfterEdit(state, false) === null) {
    throw new AppError('invalid_transition', `product ${productId} is ${state} and cannot be edited`, {
      from: state,
    });
  }
}

export async function addSku(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  input: SkuInput,
  clock: Clock,
): Promise<Sku> {
  await requireShopProduct(db, principal, shopId, productId);
  await assertEditable(db, productId);
  const now = clock.now();
  const problems = newSkuClaimProblems([input], now, () => '');
  if (problems.length > 0) throw invalidFields(problems);
  try {
    return await inTransaction(db, async (tx) => {
      const sku = await tx
        .insertInto('skus')
        .values({ ...skuValues(productId, input), createdAt: now })
        .returning(skuColumns)
        .executeTakeFirstOrThrow();
      await recordPrices(tx, [{ skuId: sku.id, priceFen: sku.priceFen }], now);
      return sku;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken('code', 'a SKU of this product with code', input.code);
    throw err;
  }
}

export async function updateSku(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  skuId: number,
  input: UpdateSkuInput,
  clock: Clock,
): Promise<Sku> {
  await requireShopProduct(db, principal, shopId, productId);
  await assertEditable(db, productId);
  return inTransaction(db, async (tx) => {
    // The price and its claimed original price first: checked against the SKU's own history (§6.3).
    if (input.priceFen !== undefined || input.originalPriceFen !== undefined) {
      const [priced] = await applyPriceEdits(
        tx,
        [{ skuId, productId, priceFen: input.priceFen, originalPriceFen: input.originalPriceFen }],
        clock.now(),
        () => '',
      );
      if (!priced) throw notFound('sku', skuId);
    }
    const rest = {
      ...(input.spec !== undefined ? { spec: input.spec.trim() } : {}),
      ...(input.purchaseLimit !== undefined ? { purchaseLimit: input.purchaseLimit } : {}),
      ...(input.weightGrams !== undefined ? { weightGrams: input.weightGrams } : {}),
    };
    const sku =
      Object.keys(rest).length > 0
        ? await tx
            .updateTable('skus')
            .set(rest)
            .where('id', '=', skuId)
            .where('productId', '=', productId)
            .returning(skuColumns)
            .executeTakeFirst()
        : await tx
            .selectFrom('skus')
            .select(skuColumns)
            .where('id', '=', skuId)
            .where('productId', '=', productId)
            .executeTakeFirst();
    if (!sku) throw notFound('sku', skuId);
    await touchProduct(tx, productId, clock);
    return sku;
  });
}

/**
 * Adds or removes stock in one conditional update, so that it composes with orders reserving stock
 * at the same moment: the result must stay within 0..MAX_STOCK or nothing changes.
 */
export async function adjustStock(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  skuId: number,
  delta: number,
  clock: Clock,
): Promise<Sku> {
  await requireShopProduct(db, principal, shopId, productId);
  await assertEditable(db, productId);
  const sku = await inTransaction(db, async (tx) => {
    const changed = await tx
      .updateTable('skus')
      .set({ stock: sql<number>`stock + ${delta}` })
      .where('id', '=', skuId)
      .where('productId', '=', productId)
      .where(sql<boolean>`stock + ${delta} between 0 and ${MAX_STOCK}`)
      .returning(skuColumns)
      .executeTakeFirst();
    if (changed) {
      await touchProduct(tx, productId, clock);
      await publishStockTicks(tx, [{ id: changed.id, productId, stock: changed.stock }]);
    }
    return changed;
  });
  if (sku) return sku;
  const current = await db
    .selectFrom('skus')
    .select('stock')
    .where('id', '=', skuId)
    .where('productId', '=', productId)
    .executeTakeFirst();
  if (!current) throw notFound('sku', skuId);
  throw invalidField(
    'delta',
    delta < 0
      ? `stock would fall below 0 (${current.stock} in stock)`
      : `stock would exceed ${MAX_STOCK} (${current.stock} in stock)`,
  );
}
