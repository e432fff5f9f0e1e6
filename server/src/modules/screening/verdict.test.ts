import { describe, expect, it } from 'vitest';
import { type Category, DEFAULT_LEXICON } from './lexicon.ts';
import { NO_MODEL, type ScreeningModel, type Threshold } from './model/model.ts';
import { compileScreener, type ScreeningRisk, screenText } from './screener.ts';
import { SURFACES, type Surface } from './surfaces.ts';

const T: Threshold = { flag: 0.5, high: 0.9 };
const everywhere = (thresholds: Partial<Record<Category, Threshold>>) =>
  Object.fromEntries(SURFACES.map((s) => [s, thresholds])) as Record<
    Surface,
    Partial<Record<Category, Threshold>>
  >;

/** A model with fixed scores, so these tests do not depend on the trained weights. */
function fakeModel(scores: Partial<Record<Category, number>>, seen: string[] = []): ScreeningModel {
  const categories: Category[] = ['off_platform', 'absolute_terms', 'hype', 'medical_claim', 'extortion'];
  return {
    version: 'fake-1',
    categories,
    score(normalized) {
      seen.push(normalized);
      return Float64Array.from(categories.map((c) => scores[c] ?? 0));
    },
    thresholds: everywhere({
      off_platform: T,
      absolute_terms: T,
      hype: T,
      medical_claim: T,
      extortion: T,
    }),
  };
}

const screen = (text: string, scores: Partial<Record<Category, number>>, surface?: Surface) =>
  screenText(text, compileScreener(DEFAULT_LEXICON, 1, fakeModel(scores)), surface ? { surface } : {});

describe('lexicon and model together (product rules §6.1)', () => {
  it.each<[string, string, Partial<Record<Category, number>>, ScreeningRisk, Category[]]>([
    // a high-severity hit blocks whatever the model says
    ['high hit, model silent', '加我微信 tom_2023', {}, 'high', ['off_platform']],
    // the model alone: flag → medium, high → high, below → nothing
    ['model high alone', '这个你懂的哈', { off_platform: 0.95 }, 'high', ['off_platform']],
    ['model flag alone', '这个你懂的哈', { off_platform: 0.6 }, 'medium', ['off_platform']],
    ['model below flag', '这个你懂的哈', { off_platform: 0.4 }, 'none', []],
    // a low-severity hit the model corroborates (≥ half the flag threshold) is medium
    ['low hit corroborated', '全网最低价', { absolute_terms: 0.3 }, 'medium', ['absolute_terms']],
    ['low hit unsupported', '全网最低价', { absolute_terms: 0.1 }, 'low', []],
    // a hit that does not count (negated) is not raised by the model's corroboration
    ['negated hit, weak model', '这个面霜不是最好的', { absolute_terms: 0.3 }, 'none', []],
    // the lexicon's reading of scope holds the model's flag back, not its high score
    ['disclaimer, model flags', '本品不能代替药物治疗疾病', { medical_claim: 0.7 }, 'none', []],
    [
      'disclaimer, model high',
      '本品不能代替药物治疗疾病',
      { medical_claim: 0.95 },
      'high',
      ['medical_claim'],
    ],
    ['fact, model flags', '珠峰是世界第一高峰', { absolute_terms: 0.6 }, 'none', []],
    ['negated and counted', '不能治病？它能降血糖', { medical_claim: 0.7 }, 'high', ['medical_claim']],
  ])('%s: %s → %s %j', (_what, text, scores, risk, categories) => {
    const result = screen(text, scores, 'listing');
    expect(result.risk).toBe(risk);
    expect(result.categories).toEqual(categories);
    expect(result.modelVersion).toBe('fake-1');
  });

  it('lists the model verdicts of the surface, highest first, with flag and high', () => {
    const result = screen('全网最低价', { absolute_terms: 0.95, hype: 0.6, off_platform: 0.1 }, 'listing');
    expect(result.model.map((v) => [v.category, v.flagged, v.high])).toEqual([
      ['absolute_terms', true, true],
      ['hype', true, false],
      ['off_platform', false, false],
      ['medical_claim', false, false],
    ]);
  });

  it('scores only what the surface enforces: no absolute terms or hype in a review', () => {
    const result = screen('best purchase this year', { absolute_terms: 0.99, hype: 0.99 }, 'review');
    expect(result.model.map((v) => v.category)).not.toContain('absolute_terms');
    expect(result.model.map((v) => v.category)).not.toContain('hype');
    expect(result.risk).toBe('none');
    expect(result.hits.map((h) => [h.category, h.counted, h.why])).toEqual([
      ['absolute_terms', false, 'not_on_surface'],
    ]);
  });

  it('without a surface, every counted hit names its category and a low hit stays low (as before)', () => {
    const result = screenText('全网最低价', compileScreener(DEFAULT_LEXICON, 1, NO_MODEL));
    expect(result).toMatchObject({
      risk: 'low',
      categories: ['absolute_terms'],
      model: [],
      modelVersion: 'none',
    });
  });

  it('on a surface, a low hit the model does not score is low and names no category', () => {
    const result = screenText('全网最低价', compileScreener(DEFAULT_LEXICON, 1), { surface: 'listing' });
    expect(result).toMatchObject({ risk: 'low', categories: [], surface: 'listing' });
  });

  it('does not run the model when nothing it scores is screened', () => {
    const seen: string[] = [];
    const screener = compileScreener(DEFAULT_LEXICON, 1, fakeModel({}, seen));
    screenText('加我微信', screener, { categories: ['vulgarity'] });
    expect(seen).toEqual([]);
    screenText('加我微信', screener, { surface: 'chat_message' });
    expect(seen).toEqual(['加我微信']);
  });
});
