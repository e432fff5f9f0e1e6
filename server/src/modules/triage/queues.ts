import type { Checkpoint } from '../risk/index.ts';

/**
 * The ops queues (product rules §6): every review case, listing, IP complaint and buyer-reported
 * subject (§8.7) waits in exactly one.
 */
export const QUEUES = [
  'listings',
  'merchants',
  'content',
  'orders',
  'aftersales',
  'ip_complaints',
  'reports',
] as const;
export type Queue = (typeof QUEUES)[number];

/**
 * The queue of each checkpoint's review cases. A Record over every checkpoint, so a new checkpoint does
 * not type-check until its cases have a queue (a case reachable only by its address was defect 6).
 */
export const CASE_QUEUE = {
  product_listing: 'listings',
  merchant_onboarding: 'merchants',
  order_placement: 'orders',
  aftersales_request: 'aftersales',
  review: 'content',
  live_comment: 'content',
  live_title: 'content',
  video_caption: 'content',
  chat_message: 'content',
} as const satisfies Record<Checkpoint, Queue>;

/** The checkpoints whose cases wait in `queue`. */
export function checkpointsOf(queue: Queue): Checkpoint[] {
  return (Object.keys(CASE_QUEUE) as Checkpoint[]).filter((c) => CASE_QUEUE[c] === queue);
}

/** Overdue once an item has waited longer than its queue's service level. */
export function dueAt(openedAt: Date, slaMinutes: number): Date {
  return new Date(openedAt.getTime() + slaMinutes * 60_000);
}

/** Overdue items first, then the longest waiting: the order a reviewer should work in. */
export function triageOrder<T extends { openedAt: Date; dueAt: Date }>(items: T[], now: Date): T[] {
  const overdue = (i: T) => (i.dueAt.getTime() < now.getTime() ? 0 : 1);
  return [...items].sort(
    (a, b) =>
      overdue(a) - overdue(b) ||
      a.dueAt.getTime() - b.dueAt.getTime() ||
      a.openedAt.getTime() - b.openedAt.getTime(),
  );
}
