import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { parseCreateAdminArgs } from './create-admin.ts';

describe('parseCreateAdminArgs', () => {
  it.each([
    [
      ['--login', 'boss', '--password', 'long-enough'],
      { login: 'boss', password: 'long-enough', displayName: 'boss' },
    ],
    [
      ['--login=ops.lead@xinren.dev', '--password=12345678', '--name', ' 运营负责人 '],
      { login: 'ops.lead@xinren.dev', password: '12345678', displayName: '运营负责人' },
    ],
  ])('accepts %j', (args, expected) => {
    expect(parseCreateAdminArgs(args)).toEqual(expected);
  });

  it.each([
    [[], 'login', 'is required (--login)'],
    [['--password', 'long-enough'], 'login', 'is required (--login)'],
    [
      ['--login', 'ab', '--password', 'long-enough'],
      'login',
      'must be 3–64 characters of letters, digits and . _ @ + -',
    ],
    [
      ['--login', 'has space', '--password', 'long-enough'],
      'login',
      'must be 3–64 characters of letters, digits and . _ @ + -',
    ],
    [['--login', 'boss'], 'password', 'is required (--password)'],
    [['--login', 'boss', '--password', 'short'], 'password', 'must be 8–128 characters'],
    [['--login', 'boss', '--password', 'x'.repeat(129)], 'password', 'must be 8–128 characters'],
    [['--login', 'boss', '--password', 'long-enough', '--name', '  '], 'name', 'must be 1–50 characters'],
    [
      ['--login', 'boss', '--password', 'long-enough', '--name', '名'.repeat(51)],
      'name',
      'must be 1–50 characters',
    ],
    [
      ['--login', 'boss', '--password', 'long-enough', '--role', 'x'],
      'arguments',
      expect.stringContaining('--role'),
    ],
    [
      ['--login', 'boss', '--password', 'long-enough', 'extra'],
      'arguments',
      expect.stringContaining('extra'),
    ],
  ])('refuses %j naming %s', (args, field, reason) => {
    let error: unknown;
    try {
      parseCreateAdminArgs(args);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect((error as AppError).details).toEqual({ fields: [{ field, reason }] });
  });
});
