import { sql } from 'kysely';
import { type Executor, isUniqueViolation } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { invalidFields, taken } from './catalog.errors.ts';
import type { RegulatedType } from './catalog.tables.ts';
import type { CreateCategoryInput, UpdateCategoryInput } from './category.schema.ts';
import { refusedGuarantees } from './category-guarantees.rule.ts';
import { qualificationsProblem } from './category-qualifications.rule.ts';
import { effectiveGuarantees, type Guarantee, type GuaranteeCode } from './guarantees.ts';
import type { QualificationCode } from './qualifications.ts';
import type { FieldProblem } from './review-readiness.rule.ts';

export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  nameEn: string;
  regulatedType: RegulatedType | null;
  requiredQualifications: QualificationCode[];
  noReasonReturn: boolean;
  perishable: boolean;
  customMade: boolean;
  isVirtual: boolean;
  defaultGuarantees: GuaranteeCode[];
  depositFen: number;
  commissionBp: number;
  zeroDepositEligible: boolean;
  createdAt: Date;
}

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

const categoryColumns = [
  'id',
  'parentId',
  'name',
  'nameEn',
  'regulatedType',
  'requiredQualifications',
  'noReasonReturn',
  'perishable',
  'customMade',
  'isVirtual',
  'defaultGuarantees',
  'depositFen',
  'commissionBp',
  'zeroDepositEligible',
  'createdAt',
] as const;

// The arrays hold codes that only ever come in through the typed request schemas.
const asCategory = (
  row: Omit<Category, 'requiredQualifications' | 'defaultGuarantees'> & {
    requiredQualifications: string[];
    defaultGuarantees: string[];
  },
): Category => row as Category;

export async function findCategory(db: Executor, id: number): Promise<Category | undefined> {
  const row = await db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && asCategory(row);
}

export async function getCategory(db: Executor, id: number): Promise<Category> {
  const category = await findCategory(db, id);
  if (!category) throw notFound('category', id);
  return category;
}

/** The whole tree, roots first, children by id. */
export async function categoryTree(db: Executor): Promise<CategoryNode[]> {
  const rows = await db.selectFrom('categories').select(categoryColumns).orderBy('id').execute();
  const nodes = new Map(
    rows.map((row) => [row.id, { category: asCategory(row), children: [] as CategoryNode[] }]),
  );
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.category.parentId === null ? undefined : nodes.get(node.category.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Ancestors from the root down to the category itself. */
async function ancestry(db: Executor, id: number): Promise<{ id: number; name: string }[]> {
  const result = await sql<{ id: number; name: string; depth: number }>`
    with recursive up (id, name, parent_id, depth) as (
      select id, name, parent_id, 0 from categories where id = ${id}
      union all
      select c.id, c.name, c.parent_id, up.depth + 1 from categories c join up on c.id = up.parent_id
    )
    select id, name, depth from up order by depth desc`.execute(db);
  return result.rows.map(({ id: ancestorId, name }) => ({ id: ancestorId, name }));
}

/** Ids of the category and every category below it (none when it does not exist). */
export async function subtreeIds(db: Executor, categoryId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    with recursive down (id) as (
      select id from categories where id = ${categoryId}
      union all
      select c.id from categories c join down on c.parent_id = down.id
    )
    select id from down`.execute(db);
  return result.rows.map((row) => row.id);
}

export async function categoryDetail(
  db: Executor,
  id: number,
): Promise<Category & { path: { id: number; name: string }[]; guarantees: Guarantee[] }> {
  const category = await getCategory(db, id);
  return {
    ...category,
    path: await ancestry(db, id),
    guarantees: effectiveGuarantees(category.defaultGuarantees, []),
  };
}

type CategoryRules = Pick<
  Category,
  | 'regulatedType'
  | 'requiredQualifications'
  | 'noReasonReturn'
  | 'perishable'
  | 'customMade'
  | 'isVirtual'
  | 'defaultGuarantees'
>;

/** A category's attributes must agree with each other (product rules §2, §4). */
function attributeProblems(category: CategoryRules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const qualifications = qualificationsProblem(category.regulatedType, category.requiredQualifications);
  if (qualifications) problems.push({ field: 'requiredQualifications', reason: qualifications });
  for (const refused of refusedGuarantees(category, category.defaultGuarantees)) {
    problems.push({ field: 'defaultGuarantees', reason: `${refused.code}: ${refused.reason}` });
  }
  return problems;
}

async function assertParentExists(db: Executor, parentId: number | null | undefined): Promise<void> {
  if (parentId == null) return;
  if (!(await findCategory(db, parentId))) throw invalidField('parentId', 'unknown category');
}

function translateWriteError(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err)) throw taken('name', 'a category under this parent named', name ?? '');
  throw err;
}

const defaults: CategoryRules = {
  regulatedType: null,
  requiredQualifications: [],
  noReasonReturn: true,
  perishable: false,
  customMade: false,
  isVirtual: false,
  defaultGuarantees: [],
};

export async function createCategory(db: Executor, input: CreateCategoryInput): Promise<Category> {
  const values = { ...defaults, ...input, name: input.name.trim(), nameEn: input.nameEn.trim() };
  const problems = attributeProblems(values);
  if (problems.length > 0) throw invalidFields(problems);
  await assertParentExists(db, input.parentId);
  try {
    const row = await db
      .insertInto('categories')
      .values(values)
      .returning(categoryColumns)
      .executeTakeFirstOrThrow();
    return asCategory(row);
  } catch (err) {
    translateWriteError(err, values.name);
  }
}

export async function updateCategory(
  db: Executor,
  id: number,
  input: UpdateCategoryInput,
): Promise<Category> {
  return db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('categories')
      .select(categoryColumns)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('category', id);
    const next = { ...asCategory(current), ...input };
    const problems = attributeProblems(next);
    if (problems.length > 0) throw invalidFields(problems);
    if (input.parentId != null) {
      await assertParentExists(tx, input.parentId);
      if ((await subtreeIds(tx, id)).includes(input.parentId)) {
        throw invalidField('parentId', 'a category cannot move under itself or its descendants');
      }
    }
    const set = {
      ...input,
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.nameEn !== undefined ? { nameEn: input.nameEn.trim() } : {}),
    };
    try {
      const row = await tx
        .updateTable('categories')
        .set(set)
        .where('id', '=', id)
        .returning(categoryColumns)
        .executeTakeFirstOrThrow();
      return asCategory(row);
    } catch (err) {
      translateWriteError(err, set.name ?? current.name);
    }
  });
}
