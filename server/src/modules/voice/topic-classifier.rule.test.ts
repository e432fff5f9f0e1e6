import { describe, expect, it } from 'vitest';
import { classifyTopics } from './topic-classifier.rule.ts';
import { HELD_OUT, type Sample, TUNING } from './topic-samples.ts';

/** Exact-set accuracy and per-topic hits over a labelled set. */
function measure(samples: readonly Sample[]) {
  let exact = 0;
  const misses: string[] = [];
  let truePositives = 0;
  let predicted = 0;
  let expected = 0;
  for (const [text, topics] of samples) {
    const got = classifyTopics(text).topics;
    const want = [...topics].sort();
    if (JSON.stringify([...got].sort()) === JSON.stringify(want)) exact += 1;
    else misses.push(`${text} → ${got.join(',') || '∅'} (want ${want.join(',') || '∅'})`);
    truePositives += got.filter((t) => topics.includes(t)).length;
    predicted += got.length;
    expected += topics.length;
  }
  return {
    n: samples.length,
    accuracy: exact / samples.length,
    precision: truePositives / predicted,
    recall: truePositives / expected,
    misses,
  };
}

describe('classifyTopics', () => {
  it.each([
    ['质量太差了', ['quality']],
    ['没有任何质量问题', []],
    ['一点都不贵', []],
    ['还没收到货，客服也不回复', ['logistics', 'service']],
    ['不但物流慢，还贵', ['logistics', 'price']],
    ['物流', []],
    ['物流太慢', ['logistics']],
    ['质量不错，就是物流有点慢', ['logistics']],
    ['ＱＵＡＬＩＴＹ is poor', ['quality']],
    ['It is not broken', []],
    ['brokenhearted fan', []],
    ['Package never arrived', ['logistics']],
  ] as const)('%s → %j', (text, topics) => {
    expect(classifyTopics(text).topics).toEqual(topics);
  });

  it('keeps the negated words it saw, marked', () => {
    const { matches } = classifyTopics('包装完好，没有破损');
    expect(matches).toContainEqual(expect.objectContaining({ word: '破损', negated: true }));
  });

  it('names the topics of the labelled set (accuracy reported; tuning set ≥ 95%, held-out ≥ 85%)', () => {
    const tuning = measure(TUNING);
    const heldOut = measure(HELD_OUT);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `topic classifier — tuning: ${tuning.n} texts, exact ${pct(tuning.accuracy)}, precision ${pct(tuning.precision)}, recall ${pct(tuning.recall)}; ` +
        `held-out: ${heldOut.n} texts, exact ${pct(heldOut.accuracy)}, precision ${pct(heldOut.precision)}, recall ${pct(heldOut.recall)}`,
    );
    if (tuning.misses.length) console.log(`tuning misses:\n${tuning.misses.join('\n')}`);
    if (heldOut.misses.length) console.log(`held-out misses:\n${heldOut.misses.join('\n')}`);
    expect(tuning.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
