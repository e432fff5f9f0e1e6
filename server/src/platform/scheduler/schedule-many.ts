import { sql } from 'kysely';
import type { Tx } from '../db.ts';
import { checkDueAt, checkKey, type DeadlineRequest } from './deadlines.service.ts';

/**
 * `scheduleDeadline` for many subjects in one statement (hot paths such as checkout batches). Same
 * rules: inside the caller's transaction; a (kind, subject) already pending is kept.
 */
export async function scheduleDeadlines(tx: Tx, requests: readonly DeadlineRequest[]): Promise<void> {
  if (requests.length === 0) return;
  for (const request of requests) {
    checkKey(request.kind, request.subjectId);
    checkDueAt(request.dueAt);
  }
  await sql`
    insert into deadlines (kind, subject_id, due_at)
    select * from unnest(${requests.map((r) => r.kind)}::text[], ${requests.map((r) => r.subjectId)}::bigint[],
                         ${requests.map((r) => r.dueAt)}::timestamptz[])
    on conflict (kind, subject_id) where status = 'pending' do nothing`.execute(tx);
}

/** `cancelDeadline` for many subjects of one kind in one statement. */
export async function cancelDeadlines(tx: Tx, kind: string, subjectIds: readonly number[]): Promise<void> {
  if (subjectIds.length === 0) return;
  for (const subjectId of subjectIds) checkKey(kind, subjectId);
  await sql`
    update deadlines set status = 'cancelled'
    where kind = ${kind} and subject_id = any(${subjectIds}::bigint[]) and status = 'pending'`.execute(tx);
}
