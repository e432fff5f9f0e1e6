import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpus, SURFACE_CATEGORIES } from '../corpus/generate.ts';
import { CATEGORIES, type Category } from '../lexicon.ts';
import { normalizeText } from '../normalize.ts';
import { SURFACES } from '../surfaces.ts';
import { featurize, maxFeatures } from './features.ts';
import type { ModelMeta } from './linear-model.ts';
import { defaultModel, MODEL_META_FILE, MODEL_WEIGHTS_FILE } from './model.ts';
import { corpusFingerprint, toExamples } from './training.ts';

const meta = JSON.parse(fs.readFileSync(MODEL_META_FILE, 'utf8')) as ModelMeta;

describe('the committed screening model', () => {
  it('loads once, from weights of at most 5 MB', () => {
    expect(fs.statSync(MODEL_WEIGHTS_FILE).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    const model = defaultModel();
    expect(defaultModel()).toBe(model);
    expect(model.version).toBe(meta.version);
    expect(model.categories).toEqual(CATEGORIES);
    for (const surface of SURFACES) {
      expect(Object.keys(model.thresholds[surface]).sort()).toEqual([...SURFACE_CATEGORIES[surface]].sort());
      for (const t of Object.values(model.thresholds[surface])) {
        expect(t!.flag).toBeGreaterThan(0);
        expect(t!.high).toBeGreaterThanOrEqual(t!.flag);
        expect(t!.high).toBeLessThan(1);
      }
    }
  });

  const model = defaultModel();
  const score = (text: string) => {
    const s = model.score(normalizeText(text).text);
    return Object.fromEntries(model.categories.map((c, i) => [c, s[i]!]));
  };

  it.each([
    ['加我微信 lisa_2023，私聊给你便宜', 'off_platform'],
    ['想要的扣扣 38475621 私聊', 'off_platform'],
    ['专治糖尿病高血压，三个月断根', 'medical_claim'],
    ['全网最低价，销量第一的面膜', 'absolute_terms'],
    ['不给我返现五十块就给你差评', 'extortion'],
    ['高价回收老酒、纪念币，上门回收', 'recycling_scam'],
    ['点关注抽奖送iPhone，前100名免单', 'fake_giveaway'],
    ['主播是个傻逼', 'vulgarity'],
    ['工厂倒闭了，老板跑路，亏本清仓', 'hype'],
  ] as const)('scores %j high for %s', (text, category) => {
    // live comments do not screen superlatives (a viewer's opinion): a listing does
    const threshold = model.thresholds.live_comment[category] ?? model.thresholds.listing[category];
    expect(score(text)[category]).toBeGreaterThan(threshold!.flag);
  });

  it.each([
    '主播今天穿的这件好好看',
    '几号发货呀',
    '可以用微信支付吗',
    '本品不能代替药物治疗疾病',
    '订单号 202312011234567890 还没发货',
    'Is it machine washable?',
  ])('scores the clean %j under the flag threshold of every category', (text) => {
    for (const [category, s] of Object.entries(score(text))) {
      const threshold = model.thresholds.live_comment[category as Category];
      if (threshold) expect(s, category).toBeLessThan(threshold.flag);
    }
  });

  // Long repetitive texts are viewers' spam, not contact, claims or hype: presence features (each distinct
  // bucket once) keep them under every surface's flag threshold whatever their length.
  const REPEATED = [...'字a哈6啊好1冲微加最治滚送收v🔥q药8x！？'];
  it.each(REPEATED)('scores %j repeated 10–500 times under the flag threshold on every surface', (ch) => {
    const units = [ch, `${ch}${ch === '哈' ? '嘿' : '哈'}`];
    for (const times of [10, 31, 62, 200, 500]) {
      for (const unit of units) {
        const s = score(unit.repeat(times));
        for (const surface of SURFACES)
          for (const [category, t] of Object.entries(model.thresholds[surface]))
            expect(s[category]!, `${ch}×${times} ${surface} ${category}`).toBeLessThan(t!.flag);
      }
    }
  });

  it.each([
    '哈哈哈哈哈哈哈哈哈哈哈哈哈哈',
    '666666',
    '6666666666666666',
    'aaaa',
    'aaaaaaaaaaaaaaaaaaaa',
    '1111111111',
    '手慢无',
  ])('leaves the live-room chatter %j unflagged on every surface', (text) => {
    const s = score(text);
    for (const surface of SURFACES)
      for (const [category, t] of Object.entries(model.thresholds[surface]))
        expect(s[category]!, `${surface} ${category}`).toBeLessThan(t!.flag);
  });

  it("scores as the int8 weights of the text's distinct features, summed, scaled, plus the bias", () => {
    const weights = new Int8Array(fs.readFileSync(MODEL_WEIGHTS_FILE));
    for (const text of ['加我微信 tom_2023', '全网最低价', 'Best purchase this year', '哈哈哈哈哈', '']) {
      const normalized = normalizeText(text).text;
      const buffer = new Int32Array(maxFeatures(normalized.length));
      const n = featurize(normalized, meta.bits, buffer);
      const scores = model.score(normalized);
      meta.categories.forEach((_, c) => {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += weights[buffer[k]! * meta.categories.length + c]!;
        const expected = 1 / (1 + Math.exp(-(meta.biases[c]! + meta.scales[c]! * sum)));
        expect(scores[c]).toBeCloseTo(expected, 12);
      });
    }
  });

  it('is fresh: trained on what the corpus generator, normalizeText and the features give today', () => {
    const examples = toExamples(generateCorpus(CORPUS_SEED, CORPUS_SIZE), meta.bits, SURFACE_CATEGORIES);
    const fingerprint = corpusFingerprint(examples);
    if (fingerprint !== meta.fingerprint)
      expect.fail(
        'The screening model is stale: the corpus generator, normalizeText or the features changed since the ' +
          'weights were trained. Run `npm run train:screening` and commit screening-model.bin and screening-model.meta.',
      );
  }, 60_000);
});
