import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import {
  type Executor,
  isForeignKeyViolation,
  isUniqueViolation,
  pgErrorCode,
  type Tx,
} from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';
import { MAX_TEMPLATES_PER_SHOP, type TemplateInput } from './freight.schema.ts';
import type { FreightMode, RegionRule } from './freight.tables.ts';
import { templateProblems } from './template-input.rule.ts';

export interface FreightTemplate {
  id: number;
  shopId: number;
  name: string;
  mode: FreightMode;
  firstUnits: number;
  firstFen: number;
  extraUnits: number;
  extraFen: number;
  freeOverFen: number | null;
  isDefault: boolean;
  regions: RegionRule[];
  excludedCodes: string[];
  createdAt: Date;
  updatedAt: Date;
}

const columns = [
  'id',
  'shopId',
  'name',
  'mode',
  'firstUnits',
  'firstFen',
  'extraUnits',
  'extraFen',
  'freeOverFen',
  'isDefault',
  'regions',
  'excludedCodes',
  'createdAt',
  'updatedAt',
] as const;

function assertValid(input: TemplateInput): void {
  const problems = templateProblems(input);
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
      fields: problems,
    });
  }
}

const nameTaken = (name: string) =>
  new AppError(
    'already_exists',
    `name: a freight template named "${name}" exists`,
    { fields: [{ field: 'name', reason: 'already taken' }] },
    { key: 'freight_template_name_taken', params: { name } },
  );

const values = (input: TemplateInput) => ({
  name: input.name.trim(),
  mode: input.mode,
  firstUnits: input.firstUnits,
  firstFen: input.firstFen,
  extraUnits: input.extraUnits,
  extraFen: input.extraFen,
  freeOverFen: input.freeOverFen,
  isDefault: input.isDefault,
  regions: JSON.stringify(
    input.regions.map((r) => ({
      codes: [...new Set(r.codes)],
      firstFen: r.firstFen,
      extraFen: r.extraFen,
      remote: r.remote,
    })),
  ),
  excludedCodes: [...new Set(input.excludedCodes)],
});

/** A new default takes over from the shop's old one, in the same transaction. */
async function clearDefault(tx: Tx, shopId: number, exceptId: number | null): Promise<void> {
  let query = tx
    .updateTable('freightTemplates')
    .set({ isDefault: false })
    .where('shopId', '=', shopId)
    .where('isDefault', '=', true);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  await query.execute();
}

async function write<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // Two templates of one name, or two defaults set at the same moment.
    if (isUniqueViolation(err)) {
      if (String((err as { constraint?: string }).constraint).includes('default')) {
        throw new AppError('conflict', 'another default template was set at the same moment; try again');
      }
      throw nameTaken(name);
    }
    throw err;
  }
}

export async function listTemplates(
  db: Executor,
  principal: Principal,
  shopId: number,
): Promise<FreightTemplate[]> {
  await requireShopMember(db, principal, shopId);
  return db
    .selectFrom('freightTemplates')
    .select(columns)
    .where('shopId', '=', shopId)
    .orderBy('isDefault', 'desc')
    .orderBy('id')
    .execute();
}

export async function getTemplate(
  db: Executor,
  principal: Principal,
  shopId: number,
  templateId: number,
): Promise<FreightTemplate> {
  await requireShopMember(db, principal, shopId);
  const row = await db
    .selectFrom('freightTemplates')
    .select(columns)
    .where('id', '=', templateId)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  if (!row) throw notFound('freight_template', templateId);
  return row;
}

export async function createTemplate(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: TemplateInput,
  clock: Clock,
): Promise<FreightTemplate> {
  await requireShopMember(db, principal, shopId);
  assertValid(input);
  return write(input.name.trim(), () =>
    db.transaction().execute(async (tx) => {
      const { count } = await tx
        .selectFrom('freightTemplates')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('shopId', '=', shopId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_TEMPLATES_PER_SHOP) {
        throw new AppError(
          'conflict',
          `a shop has at most ${MAX_TEMPLATES_PER_SHOP} freight templates`,
          { limit: MAX_TEMPLATES_PER_SHOP },
          { key: 'freight_template_limit', params: { limit: MAX_TEMPLATES_PER_SHOP } },
        );
      }
      if (input.isDefault) await clearDefault(tx, shopId, null);
      const now = clock.now();
      return tx
        .insertInto('freightTemplates')
        .values({ shopId, ...values(input), createdAt: now, updatedAt: now })
        .returning(columns)
        .executeTakeFirstOrThrow();
    }),
  );
}

/** Replaces a template's terms (products using it take the new terms at their next checkout). */
export async function updateTemplate(
  db: Executor,
  principal: Principal,
  shopId: number,
  templateId: number,
  input: TemplateInput,
  clock: Clock,
): Promise<FreightTemplate> {
  await requireShopMember(db, principal, shopId);
  assertValid(input);
  return write(input.name.trim(), () =>
    db.transaction().execute(async (tx) => {
      if (input.isDefault) await clearDefault(tx, shopId, templateId);
      const row = await tx
        .updateTable('freightTemplates')
        .set({ ...values(input), updatedAt: clock.now() })
        .where('id', '=', templateId)
        .where('shopId', '=', shopId)
        .returning(columns)
        .executeTakeFirst();
      if (!row) throw notFound('freight_template', templateId);
      return row;
    }),
  );
}

/**
 * Deletes a template no product uses. A template still used by a product, whatever its state (a
 * delisted product may be listed again, a draft is on its way), is kept: the products' foreign key
 * refuses it and the merchant moves them to another template first. Orders keep their own fee.
 */
export async function deleteTemplate(
  db: Executor,
  principal: Principal,
  shopId: number,
  templateId: number,
): Promise<{ ok: true }> {
  await requireShopMember(db, principal, shopId);
  try {
    const deleted = await db
      .deleteFrom('freightTemplates')
      .where('id', '=', templateId)
      .where('shopId', '=', shopId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw notFound('freight_template', templateId);
  } catch (err) {
    // ON DELETE RESTRICT answers restrict_violation (23001), not 23503.
    if (pgErrorCode(err) === '23001' || isForeignKeyViolation(err)) {
      throw new AppError(
        'conflict',
        `freight template ${templateId} is used by products; move them to another template first`,
        { templateId },
        { key: 'freight_template_in_use' },
      );
    }
    throw err;
  }
  return { ok: true };
}
