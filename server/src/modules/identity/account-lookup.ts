import type { Executor } from '../../platform/db.ts';

/**
 * Accounts whose login or display name contains `text` (case-insensitive), at most `limit`: how a shop
 * finds a buyer by what it knows of them.
 */
export async function findAccountIds(db: Executor, text: string, limit = 200): Promise<number[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('login', 'ilike', pattern), eb('displayName', 'ilike', pattern)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Display names and phones of the given accounts (the caller masks phones before showing them). */
export async function contactsOf(db: Executor, userIds: readonly number[]) {
  if (userIds.length === 0) return new Map<number, { displayName: string; phone: string | null }>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'displayName', 'phone'])
    .where('id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { displayName: r.displayName, phone: r.phone }]));
}

/** A phone as a shop may see it: 138****1234 (first three and last four digits). */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
