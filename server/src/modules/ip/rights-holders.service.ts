import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { brandExists, brandNameOf } from '../catalog/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { certificationTransitions } from './ip.machine.ts';
import type { CertificationState } from './ip.tables.ts';

export interface RightsHolder {
  id: number;
  userId: number;
  name: string;
  contact: string;
  createdAt: Date;
}

export interface CertificationView {
  id: number;
  holderId: number;
  holderName: string;
  brand: { id: number; name: string };
  trademarkNo: string;
  evidenceFileIds: number[];
  note: string | null;
  state: CertificationState;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

/** A buyer account becomes a rights holder (权利人) with a profile; one per account. */
export async function registerRightsHolder(
  db: Executor,
  principal: Principal,
  input: { name: string; contact: string },
): Promise<RightsHolder> {
  const row = await db
    .insertInto('ipRightsHolders')
    .values({ userId: principal.userId, name: input.name.trim(), contact: input.contact.trim() })
    .onConflict((oc) => oc.column('userId').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'already_exists',
      'This account is already a rights holder',
      {},
      { key: 'rights_holder_exists' },
    );
  return row;
}

/** The caller's rights-holder profile; an account without one must register first (409). */
export async function requireHolder(db: Executor, principal: Principal): Promise<RightsHolder> {
  const holder = await db
    .selectFrom('ipRightsHolders')
    .selectAll()
    .where('userId', '=', principal.userId)
    .executeTakeFirst();
  if (!holder) {
    throw new AppError(
      'conflict',
      'Register as a rights holder first (POST /ip/rights-holders)',
      { required: 'rights holder profile' },
      { key: 'rights_holder_first' },
    );
  }
  return holder;
}

export async function getMyHolder(
  db: Executor,
  principal: Principal,
): Promise<RightsHolder & { certifications: CertificationView[] }> {
  const holder = await db
    .selectFrom('ipRightsHolders')
    .selectAll()
    .where('userId', '=', principal.userId)
    .executeTakeFirst();
  if (!holder) throw notFound('rights holder profile', 'me');
  const certifications = await certificationQuery(db)
    .where('c.holderId', '=', holder.id)
    .orderBy('c.id')
    .execute();
  return { ...holder, certifications: certifications.map(toView) };
}

/** The holder claims a brand with its trademark registration and evidence; ops review it. */
export async function fileCertification(
  db: Executor,
  clock: Clock,
  principal: Principal,
  input: { brandId: number; trademarkNo: string; evidenceFileIds: number[]; note?: string },
): Promise<CertificationView> {
  return db.transaction().execute(async (tx) => {
    const holder = await requireHolder(tx, principal);
    if (!(await brandExists(tx, input.brandId))) throw invalidField('brandId', 'no such brand');
    await requireOwnFiles(tx, principal.userId, input.evidenceFileIds);
    const row = await tx
      .insertInto('ipCertifications')
      .values({
        holderId: holder.id,
        brandId: input.brandId,
        trademarkNo: input.trademarkNo,
        evidenceFileIds: input.evidenceFileIds,
        note: input.note?.trim() ?? null,
        createdAt: clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['holderId', 'brandId']).where('state', 'in', ['pending', 'certified']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'already_exists',
        `You already claim brand ${input.brandId} (pending or certified)`,
        { field: 'brandId' },
        { key: 'brand_claimed' },
      );
    }
    return getCertification(tx, row.id);
  });
}

export async function listCertifications(
  db: Executor,
  query: { state: CertificationState; limit: number; offset: number },
): Promise<{ items: CertificationView[]; total: number; limit: number; offset: number }> {
  const [rows, count] = await Promise.all([
    certificationQuery(db)
      .where('c.state', '=', query.state)
      .orderBy('c.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    db
      .selectFrom('ipCertifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', query.state)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: Number(count.n), limit: query.limit, offset: query.offset };
}

/** Ops certify the holder for the brand (their complaints on it take the fast channel) or reject. */
export async function decideCertification(
  db: Executor,
  clock: Clock,
  principal: Principal,
  certificationId: number,
  decision: { approve: boolean; note: string },
): Promise<CertificationView> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('ipCertifications')
      .select('state')
      .where('id', '=', certificationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('certification', certificationId);
    const to: CertificationState = decision.approve ? 'certified' : 'rejected';
    // Decided once, final: who, when and why stay on the row (no timeline needed).
    await transitionRow(tx, 'ipCertifications', {
      machine: certificationTransitions,
      what: `certification ${certificationId}`,
      key: { id: certificationId },
      from: row.state,
      to,
      set: { decidedBy: principal.userId, decidedAt: clock.now(), decisionNote: decision.note.trim() },
    });
    return getCertification(tx, certificationId);
  });
}

/** Brands the holder is certified for. */
export async function certifiedBrandIds(db: Executor, holderId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ipCertifications')
    .select('brandId')
    .where('holderId', '=', holderId)
    .where('state', '=', 'certified')
    .execute();
  return rows.map((r) => r.brandId);
}

function certificationQuery(db: Executor) {
  return db
    .selectFrom('ipCertifications as c')
    .innerJoin('ipRightsHolders as h', 'h.id', 'c.holderId')
    .select(brandNameOf(sql.ref<number>('c.brandId')).as('brandName'))
    .select([
      'c.id',
      'c.holderId',
      'h.name as holderName',
      'c.brandId',
      'c.trademarkNo',
      'c.evidenceFileIds',
      'c.note',
      'c.state',
      'c.decidedBy',
      'c.decidedAt',
      'c.decisionNote',
      'c.createdAt',
    ]);
}

type CertificationRow = Awaited<ReturnType<ReturnType<typeof certificationQuery>['executeTakeFirstOrThrow']>>;

function toView({ brandId, brandName, evidenceFileIds, ...row }: CertificationRow): CertificationView {
  // pg reads bigint[] as strings (only scalar int8 has a parser)
  return { ...row, evidenceFileIds: evidenceFileIds.map(Number), brand: { id: brandId, name: brandName } };
}

async function getCertification(db: Executor, id: number): Promise<CertificationView> {
  return toView(await certificationQuery(db).where('c.id', '=', id).executeTakeFirstOrThrow());
}
