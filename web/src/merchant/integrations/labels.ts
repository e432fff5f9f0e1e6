import { isMessageKey, type Translate } from '../../i18n/index.tsx';

/** The groups the console sorts event types into, by the resource an event is about, in order. */
export const EVENT_GROUPS = [
  'order',
  'payment',
  'aftersales',
  'settlement',
  'product',
  'violation',
  'live',
  'coupon',
  'other',
] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

/** An event type's first part → its group (arbitration is part of after-sales, withdrawals of settlement). */
const GROUP_OF_PREFIX: Record<string, EventGroup> = {
  order: 'order',
  payment: 'payment',
  aftersales: 'aftersales',
  arbitration: 'aftersales',
  settlement: 'settlement',
  withdrawal: 'settlement',
  deposit: 'settlement',
  product: 'product',
  violation: 'violation',
  live: 'live',
  coupon: 'coupon',
};

export function eventGroup(type: string): EventGroup {
  return GROUP_OF_PREFIX[type.split('.')[0] ?? ''] ?? 'other';
}

/**
 * An event type in the reader's words ("order.paid" → 订单支付); a type the tables do not know yet
 * is named by its group (订单事件), never shown raw.
 */
export function eventLabel(t: Translate, type: string): string {
  const key = `integrations.event.${type}`;
  if (isMessageKey(key)) return t(key);
  return t('integrations.group.fallback', { group: t(`integrations.group.${eventGroup(type)}`) });
}

/** Event types sorted into their groups (catalog order kept within a group); empty groups left out. */
export function groupEvents(types: readonly string[]): { group: EventGroup; types: string[] }[] {
  return EVENT_GROUPS.map((group) => ({ group, types: types.filter((x) => eventGroup(x) === group) })).filter(
    (g) => g.types.length > 0,
  );
}

/** The scopes an API key may hold, in the order the console offers them (server: API_KEY_SCOPES). */
export const API_SCOPES = [
  'orders:read',
  'orders:ship',
  'products:read',
  'products:write',
  'inventory:write',
  'aftersales:read',
  'aftersales:write',
  'finance:read',
  'reviews:read',
] as const;

/** An API-key scope in the reader's words ("orders:read" → 订单读取); an unknown one as 其他权限. */
export function scopeLabel(t: Translate, scope: string): string {
  const key = `integrations.scope.${scope}`;
  return isMessageKey(key) ? t(key) : t('integrations.scope.fallback');
}

/** What a scope lets a key do, or nothing for a scope the tables do not know. */
export function scopeHint(t: Translate, scope: string): string | undefined {
  const key = `integrations.scopeHint.${scope}`;
  return isMessageKey(key) ? t(key) : undefined;
}

/** Event types as the list shows them: a whole group as "全部订单事件", else its types joined. */
export function subscribedSummary(
  t: Translate,
  lang: 'zh' | 'en',
  subscribed: readonly string[],
  catalog: readonly string[],
): { group: EventGroup; text: string }[] {
  const sep = lang === 'zh' ? '、' : ', ';
  return groupEvents(subscribed).map(({ group, types }) => {
    const all = catalog.filter((x) => eventGroup(x) === group);
    const whole = all.length > 0 && all.every((x) => types.includes(x));
    return {
      group,
      text: whole
        ? t('integrations.webhooks.allOfGroup', { group: t(`integrations.group.${group}`) })
        : types.map((x) => eventLabel(t, x)).join(sep),
    };
  });
}

/**
 * A transport error the server recorded (a Node error code or message) in words; the raw text
 * stays available to the page as a detail.
 */
export function transportErrorLabel(t: Translate, error: string): string {
  const e = error.toLowerCase();
  if (/timeout|timed out|aborted|etimedout|und_err_.*timeout/.test(e)) return t('integrations.error.timeout');
  if (/econnrefused|refused/.test(e)) return t('integrations.error.refused');
  if (/enotfound|eai_again|getaddrinfo/.test(e)) return t('integrations.error.dns');
  if (/cert|tls|ssl/.test(e)) return t('integrations.error.tls');
  if (/^http \d|status \d|non-2xx|non 2xx/.test(e)) return t('integrations.error.non2xx');
  return t('integrations.error.other');
}
