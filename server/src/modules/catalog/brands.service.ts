import { type Executor, isUniqueViolation } from '../../platform/db.ts';
import { taken } from './catalog.errors.ts';

export interface Brand {
  id: number;
  name: string;
  nameEn: string | null;
  createdAt: Date;
}

const brandColumns = ['id', 'name', 'nameEn', 'createdAt'] as const;

export async function createBrand(db: Executor, input: { name: string; nameEn?: string }): Promise<Brand> {
  const name = input.name.trim();
  try {
    return await db
      .insertInto('brands')
      .values({ name, nameEn: input.nameEn?.trim() ?? null })
      .returning(brandColumns)
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err)) throw taken('name', 'a brand named', name);
    throw err;
  }
}

export async function listBrands(db: Executor): Promise<Brand[]> {
  return db.selectFrom('brands').select(brandColumns).orderBy('name').execute();
}

export async function brandExists(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('brands').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
