import { areaList } from '@vant/area-data';

// Template region codes may name a province ('650000'), a city ('650100') or a county ('650102'); they
// must exist in the region table (@vant/area-data, national administrative-division codes).
const provinces: Record<string, string> = areaList.province_list;
const cities: Record<string, string> = areaList.city_list;
const counties: Record<string, string> = areaList.county_list;

/** Whether `code` is a province, city or county code of the region table. */
export function isRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (code.endsWith('0000')) return Object.hasOwn(provinces, code);
  if (code.endsWith('00')) return Object.hasOwn(cities, code);
  return Object.hasOwn(counties, code);
}

/** The region's own name ('新疆维吾尔自治区', '乌鲁木齐市'); the code itself when unknown. */
export function regionLabel(code: string): string {
  return provinces[code] ?? cities[code] ?? counties[code] ?? code;
}
