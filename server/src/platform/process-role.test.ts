import { describe, expect, it } from 'vitest';
import { roleFromArgs } from './process-role.ts';

describe('roleFromArgs', () => {
  it.each([
    { args: [], env: 'all', role: 'all' },
    { args: [], env: 'worker', role: 'worker' },
    { args: ['--role', 'api'], env: 'all', role: 'api' },
    { args: ['--role', 'worker'], env: 'api', role: 'worker' },
    { args: ['--role=all'], env: 'worker', role: 'all' },
    { args: ['--role', 'API'], env: 'all', role: 'api' },
  ] as const)('$args with XINREN_ROLE=$env → $role', ({ args, env, role }) => {
    expect(roleFromArgs(args, env)).toBe(role);
  });

  it.each([
    { args: ['--role'], error: '--role needs a value' },
    { args: ['--role='], error: '--role needs a value' },
    { args: ['--role', 'web'], error: '--role must be api, worker or all, got "web"' },
    { args: ['--role', 'api', '--role', 'worker'], error: '--role is given twice' },
    { args: ['--port', '3000'], error: 'start does not know "--port"' },
  ])('$args is refused', ({ args, error }) => {
    expect(() => roleFromArgs(args, 'all')).toThrow(error);
  });
});
