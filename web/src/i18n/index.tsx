import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { addressMessages } from './addresses.ts';
import { audienceMessages } from './audience.ts';
import { buyerMessages } from './buyer.ts';
import { buyerEverydayMessages } from './buyer-everyday.ts';
import { buyersMessages } from './buyers.ts';
import { careMessages } from './care.ts';
import { chatMessages } from './chat.ts';
import { checkoutMessages } from './checkout.ts';
import { commonMessages } from './common.ts';
import { couponFieldMessages, couponMessages } from './coupons.ts';
import { discoveryMessages } from './discovery.ts';
import { errorMessages } from './errors.ts';
import { feedbackMessages } from './feedback.ts';
import { flashSalesMessages } from './flash-sales.ts';
import { freightMessages } from './freight.ts';
import { growthMessages } from './growth.ts';
import { integrationsMessages } from './integrations.ts';
import { liveRoomMessages } from './live-room.ts';
import { merchantMessages } from './merchant.ts';
import { merchantOrdersMessages } from './merchant-orders.ts';
import { merchantProductsMessages } from './merchant-products.ts';
import { opsMessages } from './ops.ts';
import { opsScreeningMessages } from './ops-screening.ts';
import { opsTriageMessages } from './ops-triage.ts';
import { reportsMessages } from './reports.ts';
import { reputationMessages } from './reputation.ts';
import { screensMessages } from './screens.ts';
import { serviceMessages } from './service.ts';
import { standingMessages } from './standing.ts';
import { offsetLabel, offsetMinutes, platformTimeZone } from './time-zone.ts';
import { trustRulesMessages } from './trust-rules.ts';
import { voiceMessages } from './voice.ts';
import { workstationMessages } from './workstation.ts';

export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];

const tables = {
  zh: {
    ...commonMessages.zh,
    ...discoveryMessages.zh,
    ...errorMessages.zh,
    ...buyerMessages.zh,
    ...addressMessages.zh,
    ...buyerEverydayMessages.zh,
    ...checkoutMessages.zh,
    ...merchantMessages.zh,
    ...merchantProductsMessages.zh,
    ...merchantOrdersMessages.zh,
    ...opsMessages.zh,
    ...opsScreeningMessages.zh,
    ...opsTriageMessages.zh,
    ...screensMessages.zh,
    ...flashSalesMessages.zh,
    ...freightMessages.zh,
    ...growthMessages.zh,
    ...liveRoomMessages.zh,
    ...audienceMessages.zh,
    ...couponMessages.zh,
    ...couponFieldMessages.zh,
    ...feedbackMessages.zh,
    ...standingMessages.zh,
    ...voiceMessages.zh,
    ...reputationMessages.zh,
    ...reportsMessages.zh,
    ...buyersMessages.zh,
    ...careMessages.zh,
    ...trustRulesMessages.zh,
    ...chatMessages.zh,
    ...workstationMessages.zh,
    ...serviceMessages.zh,
    ...integrationsMessages.zh,
  },
  en: {
    ...commonMessages.en,
    ...discoveryMessages.en,
    ...errorMessages.en,
    ...buyerMessages.en,
    ...addressMessages.en,
    ...buyerEverydayMessages.en,
    ...checkoutMessages.en,
    ...merchantMessages.en,
    ...merchantProductsMessages.en,
    ...merchantOrdersMessages.en,
    ...opsMessages.en,
    ...opsScreeningMessages.en,
    ...opsTriageMessages.en,
    ...screensMessages.en,
    ...flashSalesMessages.en,
    ...freightMessages.en,
    ...growthMessages.en,
    ...liveRoomMessages.en,
    ...audienceMessages.en,
    ...couponMessages.en,
    ...couponFieldMessages.en,
    ...feedbackMessages.en,
    ...standingMessages.en,
    ...voiceMessages.en,
    ...reputationMessages.en,
    ...reportsMessages.en,
    ...buyersMessages.en,
    ...careMessages.en,
    ...trustRulesMessages.en,
    ...chatMessages.en,
    ...workstationMessages.en,
    ...serviceMessages.en,
    ...integrationsMessages.en,
  },
};

/** Every message in both languages (the browser tests tell the apps' own words from content by them). */
export const messageTables: { zh: Record<string, string>; en: Record<string, string> } = tables;

export type MessageKey = keyof typeof tables.zh;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Whether `key` is a message (for keys built at run time, such as `state.${value}`). */
export function isMessageKey(key: string): key is MessageKey {
  return key in tables.zh;
}

const STORAGE_KEY = 'xinren.lang';

/** The saved choice, else Chinese for a Chinese browser and English otherwise. */
export function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  const browser = globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language ?? 'zh';
  return browser.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text: string = tables[lang][key] ?? tables.zh[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** `prefix + value` when that is a message, else `fallback` (an enum value the table lacks). */
  tEnum(prefix: string, value: string | null | undefined, fallback?: string): string;
  money(fen: number | null | undefined): string;
  /** A moment in the platform's time zone, labelled with it: "2026年12月6日 20:00（北京时间 UTC+8）". */
  dateTime(value: string | Date | null | undefined): string;
  /** The platform's time zone (IANA name); every time is shown and typed in it. */
  timeZone: string;
  /** The platform's time zone for a reader: "北京时间 UTC+8" (its offset at `at`, default now). */
  zoneLabel(at?: string | Date | number): string;
  date(value: string | Date | null | undefined): string;
  number(value: number): string;
  percent(ratio: number | null | undefined, digits?: number): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const t: Translate = (key, vars) => translate(lang, key, vars);
    const timeZone = platformTimeZone();
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    const zoneName =
      timeZone === 'Asia/Shanghai'
        ? t('time.beijing')
        : (new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
            .formatToParts(new Date())
            .find((p) => p.type === 'timeZoneName')?.value ?? timeZone);
    const zoneLabel = (at?: string | Date | number) => {
      const ms = at === undefined ? Date.now() : new Date(at).getTime();
      const offset = offsetLabel(offsetMinutes(Number.isNaN(ms) ? Date.now() : ms, timeZone));
      return t('time.zoneLabel', { name: zoneName, offset });
    };
    const numberFormat = new Intl.NumberFormat(locale);
    const yuan = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return {
      lang,
      setLang,
      t,
      tEnum(prefix, value, fallback) {
        if (value === null || value === undefined || value === '') return fallback ?? t('common.none');
        const key = `${prefix}${value}`;
        return isMessageKey(key) ? t(key) : (fallback ?? value);
      },
      money: (fen) => (fen === null || fen === undefined ? '—' : `¥${yuan.format(fen / 100)}`),
      dateTime: (v) =>
        v ? t('time.withZone', { time: dateTimeFormat.format(new Date(v)), zone: zoneLabel(v) }) : '—',
      timeZone,
      zoneLabel,
      date: (v) => (v ? dateFormat.format(new Date(v)) : '—'),
      number: (v) => numberFormat.format(v),
      percent: (ratio, digits = 1) =>
        ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)}%`,
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
