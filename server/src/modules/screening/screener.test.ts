import { describe, expect, it } from 'vitest';
import { type Category, DEFAULT_LEXICON } from './lexicon.ts';
import { compileScreener, screenText, termProblem } from './screener.ts';

const screener = compileScreener(DEFAULT_LEXICON, 1);

describe('screenText with the default lexicon', () => {
  it.each<[string, Category[], 'none' | 'low' | 'high']>([
    // off-platform (product rules §6), plain and evaded
    ['加我微信 tom_2023', ['off_platform'], 'high'],
    ['电话 138 0013 8000', ['off_platform'], 'high'],
    ['一三八零零一三八零零零', ['off_platform'], 'high'],
    ['ＶＸ：ｌｉｓａ＿ｂｕｙ', ['off_platform'], 'high'],
    ['扣扣 12345678', ['off_platform'], 'high'],
    ['去 www.abc.com 下单', ['off_platform'], 'high'],
    ['想要的私聊', ['off_platform'], 'low'],
    ['支持微信支付吗', [], 'none'],
    ['QQ糖什么口味', [], 'none'],
    ['订单号 202311230015678', [], 'none'],
    ['加入粉丝团', [], 'none'],
    // claims
    ['抗癌灵芝孢子粉', ['medical_claim'], 'high'],
    ['这个香薰很治愈', [], 'none'],
    ['The cured ham looks great', [], 'none'],
    ['This tea cures insomnia', ['medical_claim'], 'high'],
    ['七天美白，无副作用', ['false_advertising'], 'low'],
    ['全网最低价', ['absolute_terms'], 'low'],
    ['这个颜色第一眼就喜欢', [], 'none'],
    ['销量第一', ['absolute_terms'], 'low'],
    ['最好先量一下尺码', [], 'none'],
    ['Best before 2025', [], 'none'],
    // hype and extortion
    ['老板不在，偷偷给大家上架', ['hype'], 'low'],
    ['剧本杀道具', [], 'none'],
    ['不给钱就差评', ['extortion'], 'high'],
    ['发货太慢了，要投诉', [], 'none'],
    ['Pay me or I will leave a bad review', ['extortion'], 'high'],
  ])('%s → %j (%s)', (text, categories, risk) => {
    const result = screenText(text, screener);
    expect(result.categories.sort()).toEqual([...categories].sort());
    expect(result.risk).toBe(risk);
  });

  it('points each hit at the original text', () => {
    const text = '宝宝们 加 V 信 ：tom_2023 哦';
    const hit = screenText(text, screener).hits.find((h) => h.term === 'pattern:wechat_id')!;
    expect(text.slice(...hit.span)).toBe('V 信 ：tom_2023');
  });

  it('screens only the categories asked for', () => {
    const text = '全网最低价，加微信 tom_2023';
    expect(screenText(text, screener, { categories: ['absolute_terms'] }).categories).toEqual([
      'absolute_terms',
    ]);
  });
});

describe('compileScreener', () => {
  it('matches literal terms the way texts are normalised, and whole English words only', () => {
    const own = compileScreener([
      { term: 'V信群', kind: 'literal', category: 'off_platform', severity: 'low', lang: 'zh' },
      { term: 'cure', kind: 'literal', category: 'medical_claim', severity: 'high', lang: 'en' },
    ]);
    expect(screenText('进 微 信 群', own).hits.map((h) => h.term)).toEqual(['V信群']);
    expect(screenText('secure checkout', own).categories).toEqual([]);
    expect(screenText('a cure for all', own).categories).toEqual(['medical_claim']);
  });

  it('tells which term matched even when patterns have groups of their own', () => {
    const own = compileScreener([
      { term: '(a|b)(c)', kind: 'pattern', category: 'hype', severity: 'low', lang: 'en' },
      { term: 'x(y)z', kind: 'pattern', category: 'hype', severity: 'high', lang: 'en' },
    ]);
    expect(screenText('xyz bc', own).hits.map((h) => [h.term, h.severity])).toEqual([
      ['x(y)z', 'high'],
      ['(a|b)(c)', 'low'],
    ]);
  });

  it.each([
    [{ term: '(unclosed', kind: 'pattern' as const }, /Invalid regular expression/],
    [{ term: 'a*', kind: 'pattern' as const }, /empty text/],
    [{ term: '   ', kind: 'literal' as const }, /empty once normalised/],
    [{ term: '(a+)+b', kind: 'pattern' as const }, /too slow/],
    [{ term: '(\\d*)*x', kind: 'pattern' as const }, /too slow/],
    [{ term: 'x'.repeat(501), kind: 'literal' as const }, /longer than 500/],
  ])('refuses %j', (term, problem) => {
    expect(termProblem(term)).toMatch(problem);
  });

  it('accepts every default term', () => {
    expect(DEFAULT_LEXICON.filter((t) => termProblem(t) !== null)).toEqual([]);
  });
});
