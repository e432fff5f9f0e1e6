import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

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

/** A fresh browser profile (no storage) in a language: zh-CN or en-US, as a browser would send it. */
export async function newContext(
  browser: Browser,
  options: { lang?: Lang; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: options.lang === 'en' ? 'en-US' : 'zh-CN',
    viewport: options.viewport ?? PHONE,
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** A page that fails the test on an uncaught page error, and collects console errors. */
export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
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
 * Texts no page may show (raw objects, undefined values, message keys that were not translated), and
 * no visible control may lack a label.
 */
export async function expectCleanText(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const bad = [
    /\bundefined\b/,
    /\[object Object\]/,
    /\bNaN\b/,
    /\b(common|error|buyer|merchant|ops)\.[a-z][\w.]*[a-zA-Z]\b/,
  ];
  for (const pattern of bad) {
    const match = text.match(pattern);
    if (match) throw new Error(`the page shows "${match[0]}": ${page.url()}`);
  }
  const unnamed = await unnamedControls(page);
  if (unnamed.length) throw new Error(`controls without a label on ${page.url()}: ${unnamed.join(', ')}`);
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
