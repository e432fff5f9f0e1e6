import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, DEFAULT_LEXICON } from './lexicon.ts';
import { compileScreener, screenText } from './screener.ts';
import { SURFACE_PROFILES, SURFACES, type Surface } from './surfaces.ts';

const screener = compileScreener(DEFAULT_LEXICON, 1);

describe('surface profiles', () => {
  it('every surface has a profile over known categories; contact details, abuse and medical claims count everywhere', () => {
    for (const surface of SURFACES) {
      const { categories } = SURFACE_PROFILES[surface];
      expect(categories.every((c) => CATEGORIES.includes(c))).toBe(true);
      for (const always of ['off_platform', 'vulgarity', 'medical_claim', 'fake_giveaway'] as Category[])
        expect(categories).toContain(always);
    }
    for (const buyers of ['review', 'chat_message', 'live_comment'] as Surface[])
      expect(SURFACE_PROFILES[buyers].categories).toContain('extortion');
  });

  it.each<[Surface, string, boolean]>([
    // what a merchant publishes to sell counts everything
    ['listing', '全网最低价', true],
    ['live_title', '老板跑路清仓', true],
    ['video_caption', 'the best tea in the world', true],
    // a buyer's opinion is no advertising claim
    ['review', 'best purchase this year', false],
    ['review', '效果最好的一款', false],
    ['chat_message', '你们家最好的是哪款', false],
    ['live_comment', '全网最低价，就在直播间', false],
    ['live_comment', '这是我见过最好看的颜色', false],
    ['live_title', '全网最低价，就在直播间', true],
    ['chat_message', '用了一周就白了，无副作用', false],
    ['review', '用了一周就白了，无副作用', false],
    // a review's extortion and contact details count; extortion is no listing's word
    ['listing', '不给我五百块就给你差评', false],
    ['review', '不给我五百块就给你差评', true],
    ['review', '加我微信 tom_2023 便宜卖你', true],
    ['chat_message', '加我微信 tom_2023', true],
  ])('%s: %s counts: %s', (surface, text, counts) => {
    const result = screenText(text, screener, { surface });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.some((h) => h.counted)).toBe(counts);
    if (!counts) expect(result.hits.every((h) => h.why === 'not_on_surface')).toBe(true);
    if (!counts) expect(result.risk).toBe('none');
  });
});
