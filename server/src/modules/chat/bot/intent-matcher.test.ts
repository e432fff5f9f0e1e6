import { describe, expect, it } from 'vitest';
import { matchIntent, normalise, phraseMatch } from './intent-matcher.rule.ts';
import dev from './questions.dev.json' with { type: 'json' };
import holdout from './questions.holdout.json' with { type: 'json' };

type Labelled = { questions: string[][] };

function accuracy(set: Labelled) {
  const misses = (set.questions as [string, string][])
    .map(([text, label]) => ({ text, label, got: matchIntent(text).intent }))
    .filter((r) => r.got !== r.label);
  return { total: set.questions.length, correct: set.questions.length - misses.length, misses };
}

describe('the bot’s intent matcher', () => {
  it.each([
    ['什么时候发货？', 'ship_time'],
    ['转人工', 'human'],
    ['where is my order', 'tracking'],
    ['这个苹果甜吗', 'unknown'],
  ])('%s → %s', (text, intent) => {
    expect(matchIntent(text).intent).toBe(intent);
  });

  it('normalises width, case and punctuation; a short English word is a whole word', () => {
    expect(normalise('  Ｈｅｌｌｏ，在吗？ ')).toBe('hello在吗');
    expect(phraseMatch(normalise('this one'), 'hi')).toBe(0);
    expect(phraseMatch(normalise('shipped yet'), 'ship')).toBe(1);
    // one typo in a phrase of four characters or more counts at a discount; shorter phrases must match
    expect(phraseMatch(normalise('七天无里由吗'), '七天无理由')).toBe(0.7);
    expect(phraseMatch(normalise('怎么吃'), '怎么退')).toBe(0);
    expect(phraseMatch(normalise('retrun it'), 'return')).toBe(0.7);
  });

  // The figures of product rules §8.3: the dev set was tuned on, the held-out set never was.
  it('answers the labelled questions: ≥ 95% of the dev set, ≥ 85% of the held-out set', () => {
    const d = accuracy(dev as Labelled);
    const h = accuracy(holdout as Labelled);
    console.info(
      `bot intent accuracy: dev ${d.correct}/${d.total} (${((100 * d.correct) / d.total).toFixed(1)}%), ` +
        `held-out ${h.correct}/${h.total} (${((100 * h.correct) / h.total).toFixed(1)}%)`,
    );
    console.info('held-out misses:', JSON.stringify(h.misses));
    expect(d.total).toBeGreaterThanOrEqual(150);
    expect(d.misses).toEqual([]);
    expect(d.correct / d.total).toBeGreaterThanOrEqual(0.95);
    expect(h.correct / h.total).toBeGreaterThanOrEqual(0.85);
  });
});
