import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON } from './lexicon.ts';
import { compileScreener, screenText } from './screener.ts';

const screener = compileScreener(DEFAULT_LEXICON, 1);

describe('negation, disclaimers and facts: shown, not counted', () => {
  it.each([
    // the legally required disclaimer of health food, and its variants
    ['本品不能代替药物治疗疾病', 'disclaimer'],
    ['保健食品不具有疾病治疗作用', 'disclaimer'],
    ['This supplement is not intended to diagnose, treat, cure or prevent any disease', 'disclaimer'],
    // negation right before the claim
    ['这个茶不能治病，就是好喝', 'negated'],
    ["it's not a cure, just a nice balm", 'negated'],
    ['这个面霜不是最好的，但够用', 'negated'],
    ['不加微信，只在平台下单', 'negated'],
    ['请勿私下交易', 'negated'],
    // facts and proper names
    ['珠峰是世界第一高峰', 'fact'],
    ['国家级自然保护区的野生菌', 'fact'],
    ['国家级非物质文化遗产 竹编', 'fact'],
  ])('%s → %s', (text, why) => {
    const result = screenText(text, screener);
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((h) => !h.counted && h.why === why)).toBe(true);
    expect(result.categories).toEqual([]);
    expect(result.risk).toBe('none');
  });

  it.each([
    // the negator stands apart from the claim: still a claim
    ['不打针不吃药就能治愈糖尿病', 'medical_claim'],
    ['无副作用，治疗失眠', 'medical_claim'],
    // a refusal does not cancel a contact detail
    ['不加微信？那打 13800138000', 'off_platform'],
    // extortion's own 不 is the threat
    ['不退款就投诉', 'extortion'],
    // a disclaimer elsewhere does not cover a claim
    ['本品不能代替药物，但能降血糖', 'medical_claim'],
    // "no need for treatment" is a claim, not a negation
    ['喝这个就不用治疗了', 'medical_claim'],
    ['别忘了加微信 领券', 'off_platform'],
  ])('%s still counts as %s', (text, category) => {
    const result = screenText(text, screener);
    expect(result.categories).toContain(category);
    expect(result.hits.some((h) => h.category === category && h.counted)).toBe(true);
  });

  it.each(['第一部手机', '这是我第一次买', '世界第一部有声电影'])('%s is no ranking', (text) => {
    expect(screenText(text, screener).categories).toEqual([]);
  });
});
