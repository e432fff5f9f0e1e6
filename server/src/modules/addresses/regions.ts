import { areaList } from '@vant/area-data';

// Regions come from @vant/area-data (national administrative-division codes to county level). A code
// is 6 digits: 2 for the province, 2 for the city, 2 for the county ('330106' 西湖区 in 杭州市 330100 in
// 浙江省 330000).
const provinces: Record<string, string> = areaList.province_list;
const cities: Record<string, string> = areaList.city_list;
const counties: Record<string, string> = areaList.county_list;

// City-level entries that are groupings, not places a reader would name: 省直辖县, 重庆 "县", 自治区直辖县级行政区划.
const groupingCity = /^(县|省直辖县|自治区直辖县级行政区划|省直辖县级行政区划)$/;

/** Whether `code` is a county-level code in the region table (what an address must carry). */
export function isCountyCode(code: string): boolean {
  return /^\d{6}$/.test(code) && Object.hasOwn(counties, code);
}

/** '650102' → '650000'. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** '330106' → '330100'. */
export function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/**
 * The name of a county, city or province code, province first, separated by spaces:
 * '330106' → '浙江省 杭州市 西湖区'. A municipality's city repeats its province and is said once
 * ('110101' → '北京市 东城区'); grouping cities (省直辖县) are left out. Undefined for unknown codes.
 */
export function regionName(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const province = provinces[provinceOf(code)];
  if (province === undefined) return undefined;
  if (code.endsWith('0000')) return province;
  const parts = [province];
  const city = cities[cityOf(code)];
  if (city === undefined) return undefined;
  if (city !== province && !groupingCity.test(city)) parts.push(city);
  if (!code.endsWith('00')) {
    const county = counties[code];
    if (county === undefined) return undefined;
    parts.push(county);
  } else if (parts.length === 1 && city !== province) {
    parts.push(city);
  }
  return parts.join(' ');
}
