import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../lexicon.ts';
import { SURFACES } from '../surfaces.ts';
import { expand } from './expand.ts';
import { CORPUS_SEED, CORPUS_SIZE, evade, generateCorpus, SURFACE_CATEGORIES } from './generate.ts';
import { rng } from './random.ts';

describe('template expansion', () => {
  const vocab = { a: ['x', 'y'], n: () => '7', nested: ['{a}{a}'] };
  it.each([
    ['plain', ['plain']],
    ['{a}', ['x', 'y']],
    ['[p|q]', ['p', 'q']],
    ['[p|]!', ['p!', '!']],
    ['{n}号', ['7号']],
    ['[{a}|z]', ['x', 'y', 'z']],
    ['{nested}', ['xx', 'xy', 'yx', 'yy']],
    ['[a[b|c]|d]', ['ab', 'ac', 'd']],
  ])('%j expands to one of %j', (template, options) => {
    const r = rng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(expand(template, vocab, r));
    expect([...seen].sort()).toEqual([...options].sort());
  });
  it('refuses unknown slots and unclosed brackets', () => {
    expect(() => expand('{nope}', vocab, rng(1))).toThrow(/unknown slot/);
    expect(() => expand('[a|b', vocab, rng(1))).toThrow(/unclosed/);
  });
});

describe('the training corpus', () => {
  const rows = generateCorpus(CORPUS_SEED, CORPUS_SIZE);

  it('is large, about half clean, with every category, surface and language', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20_000);
    const clean = rows.filter((r) => r.labels.length === 0).length / rows.length;
    expect(clean).toBeGreaterThan(0.45);
    expect(clean).toBeLessThan(0.55);
    for (const category of CATEGORIES)
      expect(rows.filter((r) => r.labels.includes(category)).length, category).toBeGreaterThan(500);
    for (const surface of SURFACES)
      expect(rows.filter((r) => r.surface === surface).length, surface).toBeGreaterThan(1000);
    expect(rows.filter((r) => r.lang === 'en').length).toBeGreaterThan(rows.length / 5);
    expect(rows.filter((r) => r.tricky).length).toBeGreaterThan(rows.length / 10);
    expect(rows.filter((r) => r.labels.length > 1).length).toBeGreaterThan(500);
  });

  it('labels only what a surface screens, and repeats no text on a surface', () => {
    for (const row of rows)
      for (const label of row.labels) expect(SURFACE_CATEGORIES[row.surface]).toContain(label);
    expect(new Set(rows.map((r) => `${r.surface}\t${r.text}`)).size).toBe(rows.length);
  });

  it('is the same for the same seed and different for another', () => {
    expect(generateCorpus(CORPUS_SEED, 300)).toEqual(generateCorpus(CORPUS_SEED, 300));
    expect(generateCorpus(CORPUS_SEED + 1, 300)).not.toEqual(generateCorpus(CORPUS_SEED, 300));
  });

  it('writes an honest opinion as clean in a review and as a claim on a listing', () => {
    const best = rows.filter((r) => /^Best purchase this year$/i.test(r.text));
    expect(best.find((r) => r.surface === 'review')?.labels ?? []).toEqual([]);
    const onListing = best.find((r) => r.surface === 'listing');
    if (onListing) expect(onListing.labels).toEqual(['absolute_terms']);
  });

  it('evades without losing the text', () => {
    const r = rng(3);
    for (let i = 0; i < 30; i++) {
      const out = evade('加我微信私聊', 'zh', r);
      expect(out.length).toBeGreaterThan(0);
    }
  });
});
