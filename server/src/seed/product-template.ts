/** One product a demo shop may list: leaf category, title, SKUs as [spec, price in fen]. */
export interface ProductTemplate {
  leaf: string;
  title: string;
  /** Brand of the goods; brands with a flagship shop are sold only there. */
  brand?: string;
  skus: readonly (readonly [spec: string, priceFen: number])[];
}

export const product = (
  leaf: string,
  title: string,
  skus: ProductTemplate['skus'],
  brand?: string,
): ProductTemplate => (brand ? { leaf, title, skus, brand } : { leaf, title, skus });

/** 颜色 × 尺码 SKUs at one price (at most 4: a demo product has 1–4 SKUs). */
export function grid(colours: readonly string[], sizes: readonly string[], priceFen: number) {
  const skus = colours.flatMap((c) => sizes.map((s) => [`${c} ${s}`, priceFen] as const));
  if (skus.length > 4) throw new Error(`grid gives ${skus.length} SKUs; at most 4`);
  return skus;
}
