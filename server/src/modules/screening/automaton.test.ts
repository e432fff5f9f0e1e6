import { describe, expect, it } from 'vitest';
import { buildAutomaton, scanAutomaton } from './automaton.ts';

const all = (words: string[], text: string) => {
  const found: [string, number][] = [];
  scanAutomaton(buildAutomaton(words), text, (w, end) => found.push([words[w]!, end]));
  return found;
};

describe('Aho–Corasick automaton', () => {
  it.each<[string[], string, [string, number][]]>([
    [
      ['he', 'she', 'his', 'hers'],
      'ushers',
      [
        ['she', 4],
        ['he', 4],
        ['hers', 6],
      ],
    ],
    [
      ['加微信', '微信号', '微信'],
      '加微信号',
      [
        ['微信', 3],
        ['加微信', 3],
        ['微信号', 4],
      ],
    ],
    [
      ['aa'],
      'aaaa',
      [
        ['aa', 2],
        ['aa', 3],
        ['aa', 4],
      ],
    ],
    [['abc'], 'ababc', [['abc', 5]]],
    [['x'], '', []],
  ])('%j in %s', (words, text, expected) => {
    expect(all(words, text).sort()).toEqual(expected.sort());
  });
});
