import { areaList } from '@vant/area-data';
import type { paths } from '../../api/client.ts';

export { regionLabel, regionList } from '../../common/region-names.ts';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** A freight template as the server answers it. */
export type FreightTemplate = Ok<'/api/v1/shops/{id}/freight-templates', 'get'>['items'][number];
export type FreightMode = FreightTemplate['mode'];
export type RegionRule = FreightTemplate['regions'][number];

/** Provinces of the region table (@vant/area-data, the server checks against the same), in table order. */
export const PROVINCES: [string, string][] = Object.entries(areaList.province_list);

/** Grams as kilograms for the form ('1000' → '1', 1500 → '1.5'). */
export const gramsToKg = (grams: number): string => String(grams / 1000);

/** Kilograms typed by a person as whole grams, or undefined when not a positive amount (3 decimals at most). */
export function kgToGrams(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return undefined;
  const grams = Math.round(Number(t) * 1000);
  return grams > 0 ? grams : undefined;
}
