import { parseArgs } from 'node:util';
import { type Account, createAccount } from '../modules/identity/index.ts';
import type { Executor } from '../platform/db.ts';
import { invalidField } from '../platform/errors.ts';

export interface NewAdmin {
  login: string;
  password: string;
  displayName: string;
}

export const CREATE_ADMIN_USAGE =
  'xinren create-admin --login <login> --password <password> [--name <display name>]';

// The same limits the API puts on accounts (identity.schema.ts).
const LOGIN_SHAPE = /^[A-Za-z0-9._@+-]{3,64}$/;

/** `--login X --password Y [--name Z]` → the new admin; a 400-style error naming the field otherwise. */
export function parseCreateAdminArgs(args: readonly string[]): NewAdmin {
  let values: { login?: string; password?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { login: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw invalidField('arguments', (err as Error).message);
  }
  const login = values.login?.trim();
  if (!login) throw invalidField('login', 'is required (--login)');
  if (!LOGIN_SHAPE.test(login)) {
    throw invalidField('login', 'must be 3–64 characters of letters, digits and . _ @ + -');
  }
  const { password } = values;
  if (password === undefined || password === '') throw invalidField('password', 'is required (--password)');
  if (password.length < 8 || password.length > 128)
    throw invalidField('password', 'must be 8–128 characters');
  const displayName = (values.name ?? login).trim();
  if (displayName.length === 0 || displayName.length > 50)
    throw invalidField('name', 'must be 1–50 characters');
  return { login, password, displayName };
}

/** Creates an ops account with the super admin role; a taken login is an `already_exists` error. */
export function createAdmin(db: Executor, admin: NewAdmin): Promise<Account> {
  return createAccount(db, { ...admin, kind: 'ops', opsRoles: ['super_admin'] });
}
