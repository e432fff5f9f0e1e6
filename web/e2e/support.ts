import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { messageTables } from '../src/i18n/index.tsx';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = path.join(here, 'screenshots');
export const DEMO_PASSWORD = 'xinren-demo';

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function chromiumPath(): string {
  const found = CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error(
      "Chromium is not installed: the browser tests drive Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH",
    );
  return found;
}

export function baseUrl(): string {
  return inject('baseUrl');
}

/** One Chromium for a test file, closed after it. */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not started yet');
    return browser;
  };
}

export type Lang = 'zh' | 'en';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/**
 * A fresh browser profile (no storage) in a language: zh-CN or en-US, as a browser would send it; in
 * China's time zone unless `timeZone` names another (the apps show the platform's zone whatever it is).
 */
export async function newContext(
  browser: Browser,
  options: { lang?: Lang; viewport?: { width: number; height: number }; timeZone?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: options.lang === 'en' ? 'en-US' : 'zh-CN',
    viewport: options.viewport ?? PHONE,
    timezoneId: options.timeZone ?? 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * A page that collects what a journey expects none of: uncaught page errors, assets that failed to
 * load (a 404 for a script, style, image or icon, or the console's "Failed to load resource" for one;
 * the API's own 4xx answers are a page's business), and anything the Content Security Policy refused.
 */
export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  // the platform's own files: not its API (a 4xx there is a page's business), not another host's
  const isAsset = (url: string) => {
    const at = new URL(url, baseUrl());
    return at.origin === new URL(baseUrl()).origin && !at.pathname.startsWith('/api/');
  };
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (response) => {
    if (response.status() === 404 && isAsset(response.url())) errors.push(`missing asset: ${response.url()}`);
  });
  page.on('console', (message) => {
    const url = message.location().url ?? '';
    if (message.type() === 'error' && message.text().startsWith('Failed to load resource') && isAsset(url))
      errors.push(`${message.text()}: ${url}`);
    // whatever the platform's Content Security Policy refused (an inline style or script, an outside host)
    if (message.type() === 'error' && message.text().includes('Content Security Policy'))
      errors.push(`CSP: ${message.text()}`);
  });
  errorsOf.set(page, errors);
  return page;
}

const errorsOf = new WeakMap<Page, string[]>();

/** Uncaught errors the page has thrown so far (a journey expects none). */
export function pageErrors(page: Page): string[] {
  return errorsOf.get(page) ?? [];
}

/** Saves a screenshot to e2e/screenshots/<name>.png (a few are copied to docs/screenshots). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Texts no page may show (raw objects, undefined values, message keys that were not translated, raw
 * codes, the other language's words: see `languageProblems`), no visible control may lack a label,
 * and no asset may have failed to load.
 */
export async function expectCleanText(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const bad = [
    /\bundefined\b/,
    /\[object Object\]/,
    /\bNaN\b/,
    /\b(common|error|buyer|merchant|ops|time)\.[a-z][\w.]*[a-zA-Z]\b/,
  ];
  for (const pattern of bad) {
    const match = text.match(pattern);
    if (match) throw new Error(`the page shows "${match[0]}": ${page.url()}`);
  }
  const wrong = await languageProblems(page);
  if (wrong.length) throw new Error(`the page shows ${wrong.join('; ')}: ${page.url()}`);
  const missing = pageErrors(page).filter((e) => /^missing asset|^Failed to load resource/.test(e));
  if (missing.length) throw new Error(`assets failed to load on ${page.url()}: ${missing.join(', ')}`);
  const unnamed = await unnamedControls(page);
  if (unnamed.length) throw new Error(`controls without a label on ${page.url()}: ${unnamed.join(', ')}`);
}

/** Latin words a Chinese page may show: brand and product names, units, the demo password. */
const LATIN_ALLOWED = new Set([
  'xinren',
  'xinren-demo',
  'english',
  'iphone',
  'ipad',
  'vivo',
  'nova',
  'redmi',
  'oppo',
  'mate',
  'pro',
  'max',
  'plus',
  'magic',
  'find',
  'buds',
  'polo',
  'type',
]);

const HAN = /[\u4e00-\u9fff]/;
const zhTable = messageTables.zh;
const enTable = messageTables.en;
const enValues = new Set<string>(Object.values(enTable));
/** Chinese message texts (their literal parts, at least 4 characters): on an English page, untranslated UI. */
const zhPieces = [
  ...new Set(
    Object.values(zhTable)
      .flatMap((m: string) => m.split(/\{\w+\}/))
      .map((m) => m.trim())
      .filter((m) => m.length >= 4 && HAN.test(m) && !enValues.has(m)),
  ),
];
/** Words of the English messages: capitalised on a Chinese page, they are untranslated UI ("None"). */
const enWords = new Set(
  Object.values(enTable).flatMap((m: string) => m.toLowerCase().match(/[a-z]{3,}/g) ?? []),
);

/**
 * What a page shows in the wrong language or as a raw code, read from its visible text outside
 * `code`/`kbd`/`samp` elements, `[data-raw]` (where a code is shown deliberately) and `[data-user-text]`
 * (what a person wrote, shown as written): snake_case
 * codes; on a Chinese page English words (lower-case ones, and capitalised words of the English
 * messages); on an English page the texts of the Chinese messages.
 */
export async function languageProblems(page: Page): Promise<string[]> {
  const { lang, texts } = await page.evaluate(() => {
    // a form control's text is what was typed, not what the page says
    const skip =
      'code, kbd, samp, script, style, noscript, textarea, [data-raw], [data-user-text], [aria-hidden="true"]';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest(skip)) continue;
      const inSelect = parent.closest('select');
      if (!inSelect && !parent.checkVisibility()) continue;
      if (inSelect && !(inSelect as HTMLElement).checkVisibility()) continue;
      out.push(text);
    }
    return { lang: document.documentElement.lang, texts: out };
  });
  const problems = new Set<string>();
  for (const raw of texts) {
    const text = raw.replace(/\b(?:https?|rtmp):\/\/\S+/g, '').replace(/\S+@\S+\.\w+/g, '');
    for (const m of text.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)) problems.add(`the raw code "${m[0]}"`);
    if (lang.startsWith('zh')) {
      for (const m of text.matchAll(/[A-Za-z][A-Za-z-]*[A-Za-z]/g)) {
        const word = m[0];
        const lower = word.toLowerCase();
        if (LATIN_ALLOWED.has(lower) || word.length < 3) continue;
        const capitalised = /^[A-Z][a-z-]+$/.test(word);
        if (/^[a-z-]+$/.test(word) || (capitalised && enWords.has(lower)))
          problems.add(`the English word "${word}" (in "${raw.slice(0, 60)}")`);
      }
    } else if (HAN.test(text) && text !== '中文') {
      // a short message only as a whole text (content may quote one), a longer one anywhere
      const piece = zhPieces.find((p) => (p.length >= 8 ? text.includes(p) : text.trim() === p));
      if (piece) problems.add(`the Chinese text "${piece}" (in "${raw.slice(0, 60)}")`);
    }
  }
  return [...problems];
}

/**
 * Visible form controls and buttons without an accessible name (a label, aria-label(ledby), a title,
 * or a button's own text), described by their tag, type and name.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const named = (el: HTMLElement): boolean => {
      const labels = (el as HTMLInputElement).labels;
      if (labels && [...labels].some((l) => l.innerText.trim())) return true;
      if (el.getAttribute('aria-label')?.trim() || el.title.trim()) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by?.split(/\s+/).some((id) => document.getElementById(id)?.innerText.trim())) return true;
      if (el instanceof HTMLButtonElement) {
        return Boolean(el.innerText.trim() || el.querySelector('img[alt]:not([alt=""])'));
      }
      return false;
    };
    return [...document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button')]
      .filter((el) => el.offsetParent !== null && !named(el))
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()} type=${el.getAttribute('type')} name=${el.getAttribute('name')}>`,
      );
  });
}

export interface ApiSession {
  token: string;
  account: { id: number; login: string; displayName: string; kind: string };
  call<T = any>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

/** Signs in through the API (for a journey's setup steps and for checks a user would not make). */
export async function apiLogin(login: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as { token: string; account: ApiSession['account'] };
  return {
    ...session,
    async call(method, url, body, headers = {}) {
      const res = await fetch(`${baseUrl()}/api/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${session.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as any;
    },
  };
}

/** Puts a signed-in session for an app (buyer, merchant, ops) into a context, as the login form would. */
export async function signInAs(
  context: BrowserContext,
  scope: 'buyer' | 'merchant' | 'ops',
  login: string,
): Promise<ApiSession> {
  const session = await apiLogin(login);
  await context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key!)) localStorage.setItem(key!, value!);
    },
    [`xinren.session.${scope}`, JSON.stringify({ token: session.token, account: session.account })],
  );
  return session;
}

/** A message of the apps' tables with its `{name}` placeholders filled, as the page shows it. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** POST to the API (as `token` when given) and return the body; a non-2xx answer throws with it. */
export async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(`${baseUrl()}/api/v1${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A new merchant account (`<loginPrefix><n>`) opening a shop without identity documents, which
 * onboarding sends to the merchant review queue.
 */
export async function openUnverifiedShop(loginPrefix: string, displayName: string, shopName: string) {
  const login = `${loginPrefix}${Date.now() % 1_000_000}`;
  const account = await post('/auth/register', {
    login,
    password: 'xinren-demo-e2e',
    displayName,
    kind: 'merchant',
  });
  const shop = await post(
    '/shops',
    { name: `${shopName}${Date.now() % 10000}`, type: 'individual', mainCategoryId: 2 },
    account.token,
  );
  return { login, account, shop };
}
