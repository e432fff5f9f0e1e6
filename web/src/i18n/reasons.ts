import type { Lang } from './index.tsx';

/**
 * The server names the reason of a bad field in English (its schema validator's words, or a rule's).
 * These are the common ones in Chinese, matched whole; any other reason is shown as the server wrote it.
 */
const ZH_REASONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must NOT have fewer than 1 characters?$/, () => '不能为空'],
  [/^must NOT have fewer than (\d+) characters?$/, (m) => `至少 ${m[1]} 个字`],
  [/^(?:must NOT have more than|at most) (\d+) characters?$/, (m) => `最多 ${m[1]} 个字`],
  [/^must be (\d+)(?:–| to )(\d+) characters$/, (m) => `需为 ${m[1]}–${m[2]} 个字`],
  [/^must NOT have fewer than (\d+) items?$/, (m) => `至少选 ${m[1]} 项`],
  [/^must NOT have more than (\d+) items?$/, (m) => `最多 ${m[1]} 项`],
  [/^must be >= (-?[\d.]+)$/, (m) => `不能小于 ${m[1]}`],
  [/^must be > (-?[\d.]+)$/, (m) => `必须大于 ${m[1]}`],
  [/^must be <= (-?[\d.]+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must be < (-?[\d.]+)$/, (m) => `必须小于 ${m[1]}`],
  [/^must be integer$/, () => '必须是整数'],
  [/^must be number$/, () => '必须是数字'],
  [/^must be string$/, () => '必须是文字'],
  [/^must be boolean$/, () => '必须是是或否'],
  [/^must have required property '.+'$/, () => '必填'],
  [/^must be equal to one of the allowed values$/, () => '不是可选的值'],
  [/^must match pattern ".*"$/, () => '格式不正确'],
  [/^must match format "date-time"$/, () => '需为日期和时间'],
  [/^must match format "uri"$/, () => '需为网址'],
  [/^must match format ".*"$/, () => '格式不正确'],
  [/^must NOT have additional properties$/, () => '不接受这一项'],
  [/^must NOT have duplicate items.*$/, () => '有重复的项'],
  [/^must be positive$/, () => '必须大于 0'],
  [/^must be a positive whole number of fen$/, () => '必须是大于 0 的金额（精确到分）'],
  [/^must be in the future$/, () => '必须是将来的时间'],
  [/^no such (product|brand)$/, (m) => (m[1] === 'product' ? '没有这个商品' : '没有这个品牌')],
  [/^unknown (category|brand)$/, (m) => (m[1] === 'category' ? '没有这个类目' : '没有这个品牌')],
  [/^is not on sale$/, () => '未在售'],
  [
    /^a partial award is between 1 and (\d+) fen \(below the requested (\d+)\)$/,
    (m) => `部分支持的金额须在 ¥0.01 到 ¥${yuan(m[1])} 之间（低于申请的 ¥${yuan(m[2])}）`,
  ],
  [/^a partial decision names the amount$/, () => '部分支持需要填写金额'],
  [
    /^a counterfeit is confirmed only with a full or partial award$/,
    () => '只有全额或部分支持时才能认定为假货',
  ],
  [/^must not exceed maxFen$/, () => '不能超过上限'],
];

// As money() shows it: ¥2,499.00, never ¥2499.00 beside it.
const yuan = (fen: string | undefined) =>
  (Number(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `reason` in `lang` when it is a common one; else as the server wrote it. */
export function reasonIn(lang: Lang, reason: string): string {
  if (lang === 'en') return reason;
  for (const [pattern, zh] of ZH_REASONS) {
    const m = reason.match(pattern);
    if (m) return zh(m);
  }
  return reason;
}
