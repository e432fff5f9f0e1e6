import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { getProductSummaries } from '../catalog/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { ComplaintChannel, ComplaintReason, ComplaintState } from './ip.tables.ts';

export interface ComplaintEventView {
  fromState: ComplaintState | null;
  toState: ComplaintState;
  note: string;
  at: Date;
}

export interface ComplaintView {
  id: number;
  holder: { id: number; name: string };
  productId: number;
  /** The product's title now, so each reader sees what the complaint is about. */
  productTitle: string;
  shopId: number;
  brandId: number | null;
  reason: ComplaintReason;
  text: string;
  evidenceFileIds: number[];
  channel: ComplaintChannel;
  state: ComplaintState;
  /** Set when upheld: the merchant may counter-notify until then. */
  counterNoticeDueAt: Date | null;
  /** The merchant's counter-notice, once sent. */
  counterText: string | null;
  counterEvidenceFileIds: number[];
  counterBy: number | null;
  counterAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ComplaintDetail extends ComplaintView {
  /** What happened and why: the notice the merchant and the holder read. */
  events: ComplaintEventView[];
}

export interface ComplaintPage {
  items: ComplaintView[];
  total: number;
  limit: number;
  offset: number;
}

function complaintQuery(db: Executor) {
  return db
    .selectFrom('ipComplaints as c')
    .innerJoin('ipRightsHolders as h', 'h.id', 'c.holderId')
    .select([
      'c.id',
      'c.holderId',
      'h.name as holderName',
      'h.userId as holderUserId',
      'c.productId',
      'c.shopId',
      'c.brandId',
      'c.reason',
      'c.text',
      'c.evidenceFileIds',
      'c.channel',
      'c.state',
      'c.counterNoticeDueAt',
      'c.counterText',
      'c.counterEvidenceFileIds',
      'c.counterBy',
      'c.counterAt',
      'c.createdAt',
      'c.updatedAt',
    ]);
}

type ComplaintRow = Awaited<ReturnType<ReturnType<typeof complaintQuery>['executeTakeFirstOrThrow']>>;

async function productTitles(db: Executor, rows: readonly ComplaintRow[]): Promise<Map<number, string>> {
  const summaries = await getProductSummaries(db, [...new Set(rows.map((r) => r.productId))]);
  return new Map(summaries.map((p) => [p.id, p.title]));
}

function toView(row: ComplaintRow, titles: Map<number, string>): ComplaintView {
  const { holderId, holderName, holderUserId, evidenceFileIds, counterEvidenceFileIds, ...rest } = row;
  return {
    ...rest,
    productTitle: titles.get(row.productId) ?? '',
    holder: { id: holderId, name: holderName },
    // pg reads bigint[] as strings (only scalar int8 has a parser)
    evidenceFileIds: evidenceFileIds.map(Number),
    counterEvidenceFileIds: (counterEvidenceFileIds ?? []).map(Number),
  };
}

export async function complaintDetail(db: Executor, complaintId: number): Promise<ComplaintDetail> {
  const row = await complaintQuery(db).where('c.id', '=', complaintId).executeTakeFirst();
  if (!row) throw notFound('ip complaint', complaintId);
  const events = await db
    .selectFrom('ipComplaintEvents')
    .select(['fromState', 'toState', 'note', 'at'])
    .where('complaintId', '=', complaintId)
    .orderBy('id')
    .execute();
  return { ...toView(row, await productTitles(db, [row])), events };
}

/** A complaint for its holder, a member of the complained-about shop, or ops; anyone else gets 404. */
export async function getComplaintFor(
  db: Executor,
  viewer: Principal,
  complaintId: number,
): Promise<ComplaintDetail> {
  const row = await complaintQuery(db).where('c.id', '=', complaintId).executeTakeFirst();
  if (!row) throw notFound('ip complaint', complaintId);
  if (viewer.kind !== 'ops' && row.holderUserId !== viewer.userId) {
    await requireShopMember(db, viewer, row.shopId).catch(() => {
      throw notFound('ip complaint', complaintId);
    });
  }
  return complaintDetail(db, complaintId);
}

async function page(
  db: Executor,
  filter: { state?: ComplaintState; holderUserId?: number; shopId?: number },
  paging: { limit: number; offset: number },
  order: 'asc' | 'desc',
): Promise<ComplaintPage> {
  let q = complaintQuery(db);
  if (filter.state) q = q.where('c.state', '=', filter.state);
  if (filter.holderUserId !== undefined) q = q.where('h.userId', '=', filter.holderUserId);
  if (filter.shopId !== undefined) q = q.where('c.shopId', '=', filter.shopId);
  const [rows, count] = await Promise.all([
    q.orderBy('c.id', order).limit(paging.limit).offset(paging.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const titles = await productTitles(db, rows);
  return { items: rows.map((r) => toView(r, titles)), total: Number(count.n), ...paging };
}

/** The ops queue: complaints in `state`, oldest first. */
export const listComplaintQueue = (
  db: Executor,
  state: ComplaintState,
  paging: { limit: number; offset: number },
) => page(db, { state }, paging, 'asc');

/** The holder's own complaints, newest first. */
export const listMyComplaints = (
  db: Executor,
  principal: Principal,
  paging: { limit: number; offset: number },
) => page(db, { holderUserId: principal.userId }, paging, 'desc');

/** Complaints against a shop's products, newest first, for its members (the merchant's notices). */
export async function listShopComplaints(
  db: Executor,
  principal: Principal,
  shopId: number,
  paging: { limit: number; offset: number },
): Promise<ComplaintPage> {
  await requireShopMember(db, principal, shopId);
  return page(db, { shopId }, paging, 'desc');
}
