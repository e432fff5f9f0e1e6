import { areaList } from '@vant/area-data';

/** The name of a province, city or county code: '650000' → 新疆维吾尔自治区, '810100' → 香港特别行政区 香港岛. */
export function regionLabel(code: string): string {
  const province = areaList.province_list[`${code.slice(0, 2)}0000`];
  if (code.endsWith('0000')) return province ?? code;
  const city = areaList.city_list[`${code.slice(0, 4)}00`];
  const own = code.endsWith('00') ? city : areaList.county_list[code];
  return [province, own].filter(Boolean).join(' ') || code;
}

/** Short names for a list ('650000' → 新疆, '810000' → 香港), at most `max`, then how many in all. */
export function regionList(codes: readonly string[], lang: 'zh' | 'en', max = 4): string {
  const short = codes.map((c) =>
    regionLabel(c).replace(/(维吾尔|壮族|回族)?自治区|特别行政区|省(?= |$)/g, ''),
  );
  if (short.length <= max) return short.join('、');
  const head = short.slice(0, max).join('、');
  return lang === 'zh' ? `${head} 等 ${short.length} 个` : `${head} (${short.length} in all)`;
}
