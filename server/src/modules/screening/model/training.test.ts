import { describe, expect, it } from 'vitest';
import { generateCorpus, SURFACE_CATEGORIES } from '../corpus/generate.ts';
import { normalizeText } from '../normalize.ts';
import { buildModel, DEFAULT_TRAIN, isCalibration, quantize } from './training.ts';

const small = { ...DEFAULT_TRAIN, bits: 14, epochs: 3 };

describe('training', () => {
  const rows = generateCorpus(5, 1500);

  it('is deterministic: two runs give the same bytes', () => {
    const a = buildModel(rows, SURFACE_CATEGORIES, small);
    const b = buildModel(rows, SURFACE_CATEGORIES, small);
    expect(Buffer.from(a.weights).equals(Buffer.from(b.weights))).toBe(true);
    expect(JSON.stringify(a.meta)).toBe(JSON.stringify(b.meta));
    const other = buildModel(rows, SURFACE_CATEGORIES, { ...small, seed: 2 });
    expect(Buffer.from(other.weights).equals(Buffer.from(a.weights))).toBe(false);
  });

  it('learns the corpus: prohibited texts score above clean ones', () => {
    const { model, meta } = buildModel(rows, SURFACE_CATEGORIES, small);
    const score = (text: string, category: string) =>
      model.score(normalizeText(text).text)[meta.categories.indexOf(category as never)]!;
    expect(score('加我微信 tom_2023 私聊', 'off_platform')).toBeGreaterThan(
      score('主播好漂亮', 'off_platform'),
    );
    expect(score('高价回收老酒 上门回收', 'recycling_scam')).toBeGreaterThan(
      score('什么时候发货', 'recycling_scam'),
    );
  });

  it('splits calibration rows by the text alone, about a fifth', () => {
    expect(isCalibration('加我微信')).toBe(isCalibration('加我微信'));
    const share = rows.filter((r) => isCalibration(normalizeText(r.text).text)).length / rows.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });

  it('quantises to int8 with the largest weight at ±127 per category', () => {
    const { q, scales } = quantize(Float64Array.from([0.5, -2, 1, 1, -0.25, 0]), 2);
    expect([...q]).toEqual([64, -127, 127, 64, -32, 0]);
    expect(scales).toEqual([1 / 127, 2 / 127]);
  });
});
