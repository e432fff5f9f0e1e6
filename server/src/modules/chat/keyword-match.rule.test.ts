import { describe, expect, it } from 'vitest';
import { matchKeywordReply } from './keyword-match.rule.ts';

const replies = [
  { id: 1, keywords: ['包邮'], answer: 'a' },
  { id: 2, keywords: ['偏远地区包邮', '新疆'], answer: 'b' },
  { id: 3, keywords: ['Invoice', '发票'], answer: 'c' },
  { id: 4, keywords: ['发票'], answer: 'd' },
];

describe('matchKeywordReply', () => {
  it.each([
    ['可以包邮吗', 1],
    ['偏远地区包邮吗？', 2],
    ['发新疆吗', 2],
    ['can I get an INVOICE?', 3],
    ['能开发票吗', 3],
    ['这个甜吗', undefined],
  ])('%s → reply %s', (message, id) => {
    expect(matchKeywordReply(replies, message)?.id).toBe(id);
  });
});
