import type { Tx } from '../platform/db.ts';
import { DEMO_BRANDS, DEMO_CATEGORIES, type QualificationKind, type Sector } from './demo-categories.ts';

export interface SeededLeaf {
  id: number;
  key: string;
  sector: Sector;
  requiredQualifications: readonly QualificationKind[];
  defaultGuarantees: readonly string[];
}

export interface SeededCatalog {
  leaves: Map<string, SeededLeaf>;
  brands: Map<string, number>;
  categoryCount: number;
}

/** The category tree (roots, then their leaves) and the brands. */
export async function insertCatalog(tx: Tx): Promise<SeededCatalog> {
  const roots = await tx
    .insertInto('categories')
    .values(DEMO_CATEGORIES.map(({ leaves: _, sector: __, ...root }) => ({ ...root, parentId: null })))
    .returning(['id', 'name'])
    .execute();
  const rootIds = new Map(roots.map((r) => [r.name, r.id]));

  const leafRows = DEMO_CATEGORIES.flatMap(({ leaves, sector: _, ...root }) =>
    leaves.map(({ key, ...leaf }) => ({ key, row: { ...root, ...leaf, parentId: rootIds.get(root.name)! } })),
  );
  const inserted = await tx
    .insertInto('categories')
    .values(leafRows.map((l) => l.row))
    .returning(['id', 'name'])
    .execute();
  const leafIds = new Map(inserted.map((r) => [r.name, r.id]));

  const leaves = new Map<string, SeededLeaf>();
  for (const root of DEMO_CATEGORIES) {
    for (const leaf of root.leaves) {
      leaves.set(leaf.key, {
        id: leafIds.get(leaf.name)!,
        key: leaf.key,
        sector: root.sector,
        requiredQualifications: leaf.requiredQualifications ?? root.requiredQualifications,
        defaultGuarantees: leaf.defaultGuarantees ?? root.defaultGuarantees,
      });
    }
  }

  const brandRows = await tx
    .insertInto('brands')
    .values([...DEMO_BRANDS])
    .returning(['id', 'name'])
    .execute();
  return {
    leaves,
    brands: new Map(brandRows.map((b) => [b.name, b.id])),
    categoryCount: roots.length + inserted.length,
  };
}
