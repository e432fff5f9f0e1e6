import { type ProcessRole, roleFromEnv } from './config.ts';

/**
 * The role `xinren start` runs as: `--role <r>` or `--role=<r>` among the arguments beats
 * XINREN_ROLE (`fromEnv`, already read into the config). Anything but api, worker or all is refused,
 * as is a second --role or an argument `start` does not know.
 */
export function roleFromArgs(args: readonly string[], fromEnv: ProcessRole): ProcessRole {
  let role: ProcessRole | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let value: string | undefined;
    if (arg === '--role') {
      value = args[++i];
      if (value === undefined) throw new Error('--role needs a value: api, worker or all');
    } else if (arg.startsWith('--role=')) {
      value = arg.slice('--role='.length);
    } else {
      throw new Error(`start does not know "${arg}" (usage: xinren start [--role api|worker|all])`);
    }
    if (role !== undefined) throw new Error('--role is given twice');
    if (value.trim() === '') throw new Error('--role needs a value: api, worker or all');
    try {
      role = roleFromEnv(value);
    } catch {
      throw new Error(`--role must be api, worker or all, got "${value}"`);
    }
  }
  return role ?? fromEnv;
}
