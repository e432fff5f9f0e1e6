import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CodeKind, holdReasonIn, reasonIn, systemReasonIn } from './reasons.ts';

const NAMES: Record<string, string> = {
  'screening.off_platform': '站外交易引导',
  'screening.hype': '夸大宣传',
  'asType.refund_only': '仅退款',
  'asType.return_refund': '退货退款',
  'asReason.melted': '融化',
  'guarantee.fake_ten': '假一赔十',
  'orderState.pending_shipment': '待发货',
};
const name = (kind: CodeKind, code: string) => NAMES[`${kind}.${code}`];

describe('a field reason in the reader’s language', () => {
  it.each([
    ['must NOT have fewer than 1 characters', '不能为空'],
    ['must NOT have fewer than 8 characters', '至少 8 个字'],
    ['must NOT have more than 500 characters', '最多 500 个字'],
    ['at most 500 characters', '最多 500 个字'],
    ['must be 8–128 characters', '需为 8–128 个字'],
    ['must be 1 to 200 characters', '需为 1–200 个字'],
    ['must be >= 1', '不能小于 1'],
    ['must be <= 0.8', '不能大于 0.8'],
    ['must be integer', '必须是整数'],
    ['Expected number to be less or equal to 5', '不能大于 5'],
    ['Expected integer', '必须是整数'],
    ["must have required property 'qualificationNumber'", '必填'],
    ['must be equal to one of the allowed values', '不是可选的值'],
    ['must match pattern "^[a-z]+$"', '格式不正确'],
    ['must match format "date-time"', '需为日期和时间'],
    ['must be in the future', '必须是将来的时间'],
    ['no such product', '没有这个商品'],
    ['must not contain a NUL character', '含有不允许的字符'],
    ['must not point to a private network address', '不能指向内网地址（本机、局域网或云服务器元数据地址）'],
    ['must not contain an unpaired surrogate', '含有不允许的字符'],
    ['unknown category', '没有这个类目'],
    ['a category cannot move under itself or its descendants', '类目不能移到它自己或它的下级类目之下'],
    [
      'a partial award is between 1 and 39899 fen (below the requested 39900)',
      '部分支持的金额须在 ¥0.01 到 ¥398.99 之间（低于申请的 ¥399.00）',
    ],
    // money as the page shows it elsewhere: ¥2,499.00, not ¥2499.00
    [
      'a partial award is between 1 and 249899 fen (below the requested 249900)',
      '部分支持的金额须在 ¥0.01 到 ¥2,498.99 之间（低于申请的 ¥2,499.00）',
    ],
    ['at most 4800 fen remains refundable for 2 unit(s)', '2 件最多还可退 ¥48.00'],
    ['exceeds the available balance of 120000 fen', '超过可用余额（¥1,200.00）'],
    ['is larger than 5242880 bytes', '文件不能超过 5 MiB'],
    ['the line has 2 unit(s); at most 2', '该商品共 2 件，不能超过'],
    ['the order line already has 5 requests; at most 5 are allowed', '该商品已申请 5 次售后，最多 5 次'],
    ['record a communication with the buyer on request 12 first', '请先记录与买家的沟通'],
    [
      'refund_only is for orders that are pending_shipment; this order is pending_shipment',
      '当前订单（待发货）不能申请仅退款',
    ],
    [
      'melted does not fit a refund_only on this order line; fitting: dont_like',
      '“融化”不适用于这件商品的仅退款',
    ],
    ['return_refund does not fit this item; fitting: none', '这件商品不能申请退货退款'],
    ['the order line does not carry fake_ten', '这件商品没有“假一赔十”保障'],
    [
      'fake_ten must be claimed within 90 days of delivery; the window ended at 2026-12-01T00:00:00.000Z',
      '“假一赔十”须在签收后 90 天内申请，已过期',
    ],
    ['直播标题高风险 (High-risk live title): off_platform, hype', '直播标题高风险：站外交易引导、夸大宣传'],
  ])('%s → %s', (reason, zh) => {
    expect(reasonIn('zh', reason, name)).toBe(zh);
  });

  it.each([
    ['must not exceed maxFen', 'must not exceed the maximum'],
    ['must be a positive whole number of fen', 'must be a positive whole number of fen'],
    [
      'melted does not fit a refund_only on this order line; fitting: dont_like',
      '“融化” does not fit a 仅退款 on this item',
    ],
    ['直播标题高风险 (High-risk live title): off_platform', 'High-risk live title: 站外交易引导'],
    ['at most 4800 fen remains refundable for 2 unit(s)', 'at most ¥48.00 remains refundable for 2 unit(s)'],
  ])('on an English page: %s → %s (no raw code)', (reason, en) => {
    expect(reasonIn('en', reason, name)).toBe(en);
  });

  it('shows a reason it does not know as "not valid" in the reader’s language, never in English on a Chinese page', () => {
    expect(reasonIn('zh', 'the moon is in the wrong phase')).toBe('填写的内容不符合要求');
    expect(reasonIn('en', 'the moon is in the wrong phase')).toBe('the moon is in the wrong phase');
    expect(reasonIn('en', 'has a raw_code in it')).toBe('is not valid');
    // the registry answers in Chinese: shown as it is on a Chinese page, not on an English one
    expect(reasonIn('zh', '资质证号 国妆特字G20209999 在登记库中查无此号')).toBe(
      '资质证号 国妆特字G20209999 在登记库中查无此号',
    );
    expect(reasonIn('en', '资质证号 国妆特字G20209999 在登记库中查无此号')).toBe('is not valid');
  });
});

describe('a rule literal outside its feature’s values (the policy editor)', () => {
  it.each([
    [
      '"severe" is not a value of feature "screening_risk" (one of: none, low, medium, high)',
      '"severe" 不是文本风险等级能取到的值，这样的规则永远不会按预期触发（可取值：无、低、中、高）',
    ],
    [
      '"spam" is not a value of feature "screening_categories" (one of: off_platform, hype)',
      '"spam" 不是文本风险类别能取到的值，这样的规则永远不会按预期触发（可取值：站外交易引导、夸大宣传）',
    ],
  ])('%s → %s', (reason, zh) => {
    expect(reasonIn('zh', reason, name)).toBe(zh);
    expect(reasonIn('en', reason, name)).toMatch(/is not a value feature screening_\w+ can take \(one of: /);
  });
});

describe('why content is held back, in the reader’s language', () => {
  it.each([
    ['评论内容高风险 (off_platform)', '评论内容高风险：站外交易引导', 'High-risk comment: 站外交易引导'],
    [
      'held for review: 评价内容高风险 (hype)',
      '待审核：评价内容高风险：夸大宣传',
      'Held for review: High-risk review text: 夸大宣传',
    ],
    ['blocked by screening', '未通过内容审核', 'Did not pass screening'],
    ['blocked after review', '人工审核未通过', 'Blocked after review'],
    ['广告引流，已删除', '广告引流，已删除', '广告引流，已删除'],
  ])('%s', (reason, zh, en) => {
    expect(holdReasonIn('zh', reason, name)).toBe(zh);
    expect(holdReasonIn('en', reason, name)).toBe(en);
  });
});

describe('a reason the platform recorded, in the reader’s language', () => {
  it.each([
    ['cancelled by the buyer', '买家取消', 'Cancelled by the buyer'],
    ['default policy (DOMAIN.md §6)', '平台默认策略', 'The platform’s default policy'],
    ['defaults of DOMAIN.md §4–5', '平台默认规则', 'The platform’s defaults'],
    [
      '家电优选馆 售后退货仓 / After-sales returns, shop #21',
      '家电优选馆 售后退货仓',
      'After-sales returns, shop #21',
    ],
    [
      '紧急关播 emergency stop: 直播中出现违规导流内容',
      '紧急关播：直播中出现违规导流内容',
      'Emergency stop: 直播中出现违规导流内容',
    ],
    [
      '直播标题高风险 high-risk live title: off_platform, hype',
      '直播标题高风险：站外交易引导、夸大宣传',
      'High-risk live title: 站外交易引导, 夸大宣传',
    ],
    [
      '知识产权投诉下架的商品需人工复核 taken down on an IP complaint: ops review it',
      '知识产权投诉下架的商品需人工复核',
      'Taken down on an IP complaint: ops review it',
    ],
    ['评论内容高风险 (off_platform)', '评论内容高风险：站外交易引导', 'High-risk comment: 站外交易引导'],
    ['主播口播违规，已处理', '主播口播违规，已处理', '主播口播违规，已处理'],
  ])('%s', (reason, zh, en) => {
    expect(systemReasonIn('zh', reason, name)).toBe(zh);
    expect(systemReasonIn('en', reason, name)).toBe(en);
  });
});

/** Every reason the server writes as a plain literal at a field (invalidField, `fields: [{ reason }]`). */
function literalServerReasons(): { file: string; reason: string }[] {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/src');
  const found: { file: string; reason: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.includes('.test.') && !full.includes('/seed/')) {
        const text = readFileSync(full, 'utf8');
        const patterns = [
          /invalidField\(\s*[^,()]+,\s*'([^']+)'\s*\)/g,
          /field: '[^']+', reason: '([^']+)'/g,
          /\b(?:invalid|conflict)\((?:'[^']+', )?'([^']+)'\)/g,
        ];
        for (const pattern of patterns)
          for (const m of text.matchAll(pattern))
            found.push({ file: path.relative(root, full), reason: m[1]! });
      }
    }
  };
  walk(root);
  return found;
}

describe('every plain reason the server gives at a field', () => {
  const reasons = literalServerReasons();

  it('is found in the server (the scan works)', () => {
    expect(reasons.length).toBeGreaterThan(30);
  });

  it('has Chinese words in the table', () => {
    const untranslated = reasons.filter(({ reason }) => reasonIn('zh', reason) === '填写的内容不符合要求');
    expect(untranslated).toEqual([]);
  });
});
