import { describe, expect, it } from 'vitest';
import { formatLsn, highestLsn, parseLsn } from './lsn.ts';

describe('parseLsn', () => {
  it.each([
    ['0/0', 0n],
    ['0/16B3748', 0x16b3748n],
    ['16/B374D848', (0x16n << 32n) | 0xb374d848n],
    ['ffffffff/ffffffff', 0xffffffffffffffffn],
    [' 1/0 ', 1n << 32n],
    ['', undefined],
    ['0', undefined],
    ['0/', undefined],
    ['/0', undefined],
    ['1/2/3', undefined],
    ['g/0', undefined],
    ['-1/0', undefined],
    ['100000000/0', undefined],
    ['0/100000000', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j → %s', (text, lsn) => {
    expect(parseLsn(text)).toBe(lsn);
  });

  it.each([
    ['9/0', '10/0', true],
    ['0/FFFFFFFF', '1/0', true],
    ['0/A', '0/9', false],
    ['0/16B3748', '0/16b3748', false],
  ])('%s < %s is %s (numeric, not textual)', (a, b, less) => {
    expect(parseLsn(a)! < parseLsn(b)!).toBe(less);
  });
});

describe('formatLsn', () => {
  it.each([
    [0n, '0/0'],
    [0x16b3748n, '0/16B3748'],
    [(0x16n << 32n) | 0xb374d848n, '16/B374D848'],
  ])('%s → %s and back', (lsn, text) => {
    expect(formatLsn(lsn)).toBe(text);
    expect(parseLsn(text)).toBe(lsn);
  });
});

describe('highestLsn', () => {
  it.each([
    [undefined, undefined],
    ['junk', undefined],
    ['0/5', 5n],
    ['0/5, 0/A', 10n],
    [['0/A', '1/0'], 1n << 32n],
    [['junk', '0/3'], 3n],
  ])('%j → %s', (values, lsn) => {
    expect(highestLsn(values)).toBe(lsn);
  });
});
