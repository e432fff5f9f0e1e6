import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Lang, translate } from '../../i18n/index.tsx';
import { integrationsMessages } from '../../i18n/integrations.ts';
import {
  API_SCOPES,
  eventGroup,
  eventLabel,
  groupEvents,
  scopeLabel,
  subscribedSummary,
  transportErrorLabel,
} from './labels.ts';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../server/src');
const HAN = /[\u4e00-\u9fff]/;
const t = (lang: Lang) => (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate(lang, key, vars);

/** Every event type the server's catalog declares (`type: 'order.paid'` in each module's *.events.ts). */
function catalogTypes(): string[] {
  const types: string[] = [];
  const modules = path.join(server, 'modules');
  for (const dir of readdirSync(modules)) {
    for (const file of readdirSync(path.join(modules, dir)).filter((f) => f.endsWith('.events.ts'))) {
      const text = readFileSync(path.join(modules, dir, file), 'utf8');
      for (const m of text.matchAll(/\btype: '([a-z_]+\.[a-z_]+)'/g)) types.push(m[1]!);
    }
  }
  return [...new Set(types)];
}

/** The scopes the server grants (API_KEY_SCOPES in platform/access.ts). */
function serverScopes(): string[] {
  const text = readFileSync(path.join(server, 'platform/access.ts'), 'utf8');
  const list = text.match(/API_KEY_SCOPES = \[([^\]]*)\]/)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe('event types in words', () => {
  const types = catalogTypes();

  it('reads the server catalog (the scan works)', () => {
    expect(types).toEqual(expect.arrayContaining(['order.paid', 'aftersales.opened', 'coupon.claimed']));
    expect(types.length).toBeGreaterThanOrEqual(25);
  });

  it('names every catalog type in Chinese and English, in a group of its resource, never raw', () => {
    for (const type of types) {
      const key = `integrations.event.${type}`;
      expect(integrationsMessages.zh, type).toHaveProperty([key]);
      expect(eventLabel(t('zh'), type)).toMatch(HAN);
      expect(eventLabel(t('en'), type)).not.toContain(type);
      expect(eventLabel(t('en'), type)).not.toMatch(HAN);
      if (type !== 'webhook.test') expect(eventGroup(type), type).not.toBe('other');
    }
  });

  it.each([
    ['order.paid', 'order', '订单支付', 'Order paid'],
    ['arbitration.decided', 'aftersales', '平台仲裁结果', 'Arbitration decided'],
    ['withdrawal.paid', 'settlement', '提现到账', 'Withdrawal paid'],
    ['deposit.changed', 'settlement', '保证金变动', 'Deposit changed'],
    ['live.stopped', 'live', '直播被平台中止', 'Live session stopped by the platform'],
    // a type the tables do not know yet is named by its group, still in the reader's language
    ['order.refunded_partially', 'order', '订单事件', 'Orders event'],
    ['inventory.low', 'other', '其他事件', 'Other event'],
  ])('%s → %s: %s / %s', (type, group, zh, en) => {
    expect(eventGroup(type)).toBe(group);
    expect(eventLabel(t('zh'), type)).toBe(zh);
    expect(eventLabel(t('en'), type)).toBe(en);
  });

  it('groups types by resource in the console’s order, keeping the catalog order within a group', () => {
    expect(groupEvents(['coupon.claimed', 'order.paid', 'payment.captured', 'order.created'])).toEqual([
      { group: 'order', types: ['order.paid', 'order.created'] },
      { group: 'payment', types: ['payment.captured'] },
      { group: 'coupon', types: ['coupon.claimed'] },
    ]);
  });

  it('sums up a whole group as 全部…事件 and a part by its names', () => {
    const catalog = ['order.created', 'order.paid', 'live.started', 'live.ended'];
    expect(subscribedSummary(t('zh'), 'zh', ['order.created', 'order.paid', 'live.ended'], catalog)).toEqual([
      { group: 'order', text: '全部订单事件' },
      { group: 'live', text: '下播' },
    ]);
    expect(
      subscribedSummary(t('en'), 'en', ['order.paid', 'order.created'], [...catalog, 'order.cancelled']),
    ).toEqual([{ group: 'order', text: 'Order paid, Order created' }]);
  });
});

describe('API-key scopes in words', () => {
  it('offers exactly the scopes the server grants', () => {
    expect([...API_SCOPES]).toEqual(serverScopes());
  });

  it.each(serverScopes())('%s has a Chinese and an English name and a hint', (scope) => {
    expect(integrationsMessages.zh).toHaveProperty([`integrations.scope.${scope}`]);
    expect(integrationsMessages.zh).toHaveProperty([`integrations.scopeHint.${scope}`]);
    expect(scopeLabel(t('zh'), scope)).toMatch(HAN);
    expect(scopeLabel(t('en'), scope)).not.toMatch(/[:_]/);
  });

  it('names the two the issue names as the merchant expects', () => {
    expect(scopeLabel(t('zh'), 'orders:read')).toBe('订单读取');
    expect(scopeLabel(t('zh'), 'orders:ship')).toBe('订单发货');
    expect(scopeLabel(t('zh'), 'shops:delete')).toBe('其他权限');
  });
});

describe('a transport error in words', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:9', '连接被拒绝'],
    ['The operation was aborted due to timeout', '请求超时（10 秒内没有应答）'],
    ['getaddrinfo ENOTFOUND erp.example', '域名无法解析'],
    ['self-signed certificate', '证书校验失败'],
    ['socket hang up', '网络错误'],
  ])('%s → %s', (error, zh) => {
    expect(transportErrorLabel(t('zh'), error)).toBe(zh);
  });
});
