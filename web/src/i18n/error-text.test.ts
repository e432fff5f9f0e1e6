import { describe, expect, it } from 'vitest';
import { commonMessages } from './common.ts';
import { type ErrorLike, errorSentence, fieldProblems, type Wording } from './error-text.ts';
import { errorMessages } from './errors.ts';
import { integrationsMessages } from './integrations.ts';

function wording(lang: 'zh' | 'en'): Wording {
  const table: Record<string, string> = { ...commonMessages[lang], ...errorMessages[lang] };
  return {
    lang,
    has: (key): key is never => key in table,
    t: (key, vars) =>
      table[key]!.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars?.[name] ?? whole)),
  };
}

const error = (over: Partial<ErrorLike>): ErrorLike => ({
  status: 409,
  code: 'conflict',
  params: {},
  details: {},
  fields: [],
  ...over,
});

describe('a server error in the reader’s language, never in the server’s English', () => {
  it.each([
    [
      'by its code',
      error({ status: 409, code: 'live_host_busy' }),
      '主播正在另一场直播中。',
      'The host is live in another session.',
    ],
    [
      'by the message key the server names',
      error({ messageKey: 'probation_limit', params: { limit: 10 } }),
      '考察期店铺最多可有 10 件商品在售或审核中。',
      'A shop on probation may have at most 10 products listed or in review.',
    ],
    [
      'naming what was not found',
      error({
        status: 404,
        code: 'not_found',
        messageKey: 'not_found',
        params: { resource: 'live session', id: 3 },
      }),
      '找不到该直播。',
      'This live session was not found.',
    ],
    [
      'by HTTP status for a code the tables lack',
      error({ status: 409, code: 'brand_new_code' }),
      '操作与当前状态冲突，请刷新后重试。',
      'This conflicts with the current state. Refresh and try again.',
    ],
    [
      'by status class for a server failure',
      error({ status: 502, code: 'bad_gateway' }),
      '服务器出错了，请稍后再试。',
      'Something went wrong on our side. Try again later.',
    ],
    [
      'by the generic sentence for any other status',
      error({ status: 418, code: 'teapot' }),
      '请求失败（418）。',
      'The request failed (418).',
    ],
    [
      'an unknown key falls back to the code',
      error({ code: 'already_exists', messageKey: 'no_such_key' }),
      '该内容已存在。',
      'This already exists.',
    ],
  ])('%s', (_, e, zh, en) => {
    expect(errorSentence(wording('zh'), e)).toBe(zh);
    expect(errorSentence(wording('en'), e)).toBe(en);
  });

  it('names each field problem by the field’s name, not its code', () => {
    const e = error({
      status: 400,
      code: 'validation_failed',
      fields: [
        { field: 'scheduledAt', reason: 'must be in the future' },
        { field: 'items[0].someInternalThing', reason: 'must be integer' },
      ],
    });
    expect(fieldProblems(wording('zh'), e)).toEqual(['开播时间：必须是将来的时间', '必须是整数']);
    expect(fieldProblems(wording('en'), e)).toEqual([
      'Start time: must be in the future',
      'must be a whole number',
    ]);
  });
});

describe('a missing webhook endpoint, delivery or API key is named in words', () => {
  it.each([
    ['webhook endpoint', '找不到该推送地址。', 'This webhook endpoint was not found.'],
    ['webhook delivery', '找不到该投递记录。', 'This webhook delivery was not found.'],
    ['API key', '找不到该密钥。', 'This API key was not found.'],
  ])('%s', (resource, zh, en) => {
    for (const [lang, sentence] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      const table: Record<string, string> = {
        ...commonMessages[lang],
        ...errorMessages[lang],
        ...integrationsMessages[lang],
      };
      const w: Pick<Wording, 't' | 'has'> = {
        has: (key): key is never => key in table,
        t: (key, vars) =>
          table[key]!.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars?.[name] ?? whole)),
      };
      const notFound = error({
        status: 404,
        code: 'not_found',
        messageKey: 'not_found',
        params: { resource },
      });
      expect(errorSentence(w, notFound)).toBe(sentence);
    }
  });
});
