import { describe, expect, it } from 'vitest';
import { type BotFacts, botAnswer, handOffText } from './answer.rule.ts';

const facts = (over: Partial<BotFacts> = {}): BotFacts => ({
  shipByMs: 48 * 3_600_000,
  product: {
    title: '赣南脐橙 5斤',
    presaleShipDays: null,
    guarantees: [
      { code: 'no_reason_7d', zh: '7天无理由退货' },
      { code: 'spoiled_refund', zh: '坏了包退' },
    ],
  },
  order: null,
  returnAddress: { recipient: '鲜丰售后', regionName: '浙江省 杭州市 西湖区', detail: '文三路 1 号' },
  serviceHours: '09:00–22:00',
  ...over,
});

const shipped = {
  id: 42,
  state: 'shipped',
  shipByAt: new Date('2026-12-09T12:00:00Z'),
  shipment: {
    carrier: 'sf',
    trackingNumber: 'SF1234567890',
    status: 'in_transit',
    lastEventAt: new Date('2026-12-08T02:00:00Z'),
  },
};

describe('botAnswer', () => {
  it.each([
    ['ship_time', facts(), '付款后 48 小时内发货'],
    [
      'ship_time',
      facts({ product: { title: 'x', presaleShipDays: 15, guarantees: [] } }),
      '预售，付款后 15 天内发货',
    ],
    ['ship_time', facts({ order: shipped }), '已由顺丰速运发出，运单号 SF1234567890'],
    [
      'ship_time',
      facts({ order: { id: 7, state: 'paid', shipByAt: new Date('2026-12-09T12:00:00Z'), shipment: null } }),
      '2026-12-09 20:00 (UTC+8) 前发出',
    ],
    ['carrier', facts(), '发货后您可以在订单详情里看到快递公司'],
    ['carrier', facts({ order: shipped }), '顺丰速运'],
    ['tracking', facts({ order: shipped }), '运输中，最新动态 2026-12-08 10:00 (UTC+8)'],
    ['tracking', facts(), '没有找到您在本店的订单'],
    ['guarantees', facts(), '享有：7天无理由退货、坏了包退'],
    ['guarantees', facts({ product: null }), '商品页的“保障”'],
    ['returns', facts(), '支持7天无理由退货'],
    ['returns', facts(), '退货地址：鲜丰售后，浙江省 杭州市 西湖区 文三路 1 号'],
    ['returns', facts({ product: { title: 'x', presaleShipDays: null, guarantees: [] } }), '不支持7天无理由'],
  ] as const)('%s → …%s…', (intent, f, expected) => {
    expect(botAnswer(intent, f)).toContain(expected);
  });

  it('hands off with the service hours when nobody works', () => {
    expect(handOffText(true, facts(), false)).toContain('正在为您转接人工客服');
    expect(handOffText(false, facts(), true)).toContain(
      '这个问题我还回答不了，现在是非服务时间（服务时间 09:00–22:00）',
    );
  });
});
