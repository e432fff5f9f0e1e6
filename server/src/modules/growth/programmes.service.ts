import type { Selectable } from 'kysely';
import { type Executor, inTransaction, isUniqueViolation } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { BoostTerms } from './boost-terms.rule.ts';
import type { GrowthProgrammeVersionsTable, Programme, StepMetric } from './growth.tables.ts';
import type { LadderStep } from './ladder.rule.ts';
import { type FieldProblem, ladderVersionProblems, tierVersionProblems } from './programme-version.rule.ts';
import type { SellerTier } from './seller-tier.rule.ts';

type VersionRow = Selectable<GrowthProgrammeVersionsTable>;

/** A programme version as the pages show it: its rules, when it took (or takes) effect, and until when. */
export interface ProgrammeVersion {
  id: number;
  programme: Programme;
  version: number;
  note: string;
  effectiveFrom: Date;
  /** When the next version takes over; null while none is planned. */
  effectiveUntil: Date | null;
  createdAt: Date;
  boost: (BoostTerms & { newShopBoostBp: number; newShopBoostDays: number }) | null;
  steps: LadderStep[];
  tiers: SellerTier[];
}

/** The version of `programme` in force at `at`: the latest that took effect by then. */
export async function versionInForce(
  db: Executor,
  programme: Programme,
  at: Date,
): Promise<ProgrammeVersion> {
  const row = await db
    .selectFrom('growthProgrammeVersions')
    .selectAll()
    .where('programme', '=', programme)
    .where('effectiveFrom', '<=', at)
    .orderBy('effectiveFrom', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return (await withRules(db, [row]))[0]!;
}

/** One version by id (the one a shop's progress was measured against). */
export async function programmeVersion(db: Executor, id: number): Promise<ProgrammeVersion> {
  const row = await db
    .selectFrom('growthProgrammeVersions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return (await withRules(db, [row]))[0]!;
}

/** Every version of both programmes, newest first per programme. */
export async function listProgrammeVersions(db: Executor): Promise<ProgrammeVersion[]> {
  const rows = await db
    .selectFrom('growthProgrammeVersions')
    .selectAll()
    .orderBy('programme')
    .orderBy('version', 'desc')
    .execute();
  return withRules(db, rows);
}

async function withRules(db: Executor, rows: VersionRow[]): Promise<ProgrammeVersion[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [steps, tiers, all] = await Promise.all([
    db
      .selectFrom('growthLadderSteps')
      .selectAll()
      .where('versionId', 'in', ids)
      .orderBy('position')
      .execute(),
    db.selectFrom('growthSellerTiers').selectAll().where('versionId', 'in', ids).orderBy('tier').execute(),
    db
      .selectFrom('growthProgrammeVersions')
      .select(['programme', 'effectiveFrom'])
      .where('programme', 'in', [...new Set(rows.map((r) => r.programme))])
      .execute(),
  ]);
  return rows.map((r) => {
    const next = all
      .filter((o) => o.programme === r.programme && o.effectiveFrom > r.effectiveFrom)
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())[0];
    return {
      id: r.id,
      programme: r.programme,
      version: r.version,
      note: r.note,
      effectiveFrom: r.effectiveFrom,
      effectiveUntil: next?.effectiveFrom ?? null,
      createdAt: r.createdAt,
      boost:
        r.programme === 'new_merchant'
          ? {
              creditsPerHour: r.boostCreditsPerHour!,
              weightBp: r.boostWeightBp!,
              maxHours: r.boostMaxHours!,
              newShopBoostBp: r.newShopBoostBp!,
              newShopBoostDays: r.newShopBoostDays!,
            }
          : null,
      steps: steps
        .filter((s) => s.versionId === r.id)
        .map((s) => ({
          position: s.position,
          code: s.code,
          metric: s.metric,
          threshold: s.threshold,
          rewardCredits: s.rewardCredits,
        })),
      tiers: tiers
        .filter((t) => t.versionId === r.id)
        .map(({ versionId: _v, ...t }) => ({ ...t, rebateCapFen: Number(t.rebateCapFen) })),
    };
  });
}

export interface LadderVersionInput {
  effectiveFrom: Date;
  note?: string | undefined;
  boost: BoostTerms;
  newShopBoost: { weightBp: number; days: number };
  steps: { code: string; metric: StepMetric; threshold: number; rewardCredits: number }[];
}

export type TierInput = Omit<SellerTier, 'tier'>;

export interface TierVersionInput {
  effectiveFrom: Date;
  note?: string | undefined;
  tiers: TierInput[];
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
    fields: problems,
  });
}

/** Adds the next version of the 新商启航 ladder, in force from `effectiveFrom` (in the future). */
export async function createLadderVersion(
  db: Executor,
  input: LadderVersionInput,
  by: number,
  now: Date,
): Promise<ProgrammeVersion> {
  refuse(ladderVersionProblems(input, now));
  const id = await addVersion(db, 'new_merchant', input, by, async (tx, versionId) => {
    await tx
      .insertInto('growthLadderSteps')
      .values(input.steps.map((s, i) => ({ versionId, position: i + 1, ...s })))
      .execute();
  });
  return programmeVersion(db, id);
}

/** Adds the next version of 斗金, in force from `effectiveFrom` (quarters starting then use it). */
export async function createTierVersion(
  db: Executor,
  input: TierVersionInput,
  by: number,
  now: Date,
): Promise<ProgrammeVersion> {
  refuse(tierVersionProblems(input, now));
  const id = await addVersion(db, 'active_seller', input, by, async (tx, versionId) => {
    await tx
      .insertInto('growthSellerTiers')
      .values(input.tiers.map((t, i) => ({ versionId, tier: i + 1, ...t })))
      .execute();
  });
  return programmeVersion(db, id);
}

async function addVersion(
  db: Executor,
  programme: Programme,
  input: { effectiveFrom: Date; note?: string | undefined } & Partial<LadderVersionInput>,
  by: number,
  rules: (tx: Executor, versionId: number) => Promise<void>,
): Promise<number> {
  try {
    return await inTransaction(db, async (tx) => {
      const last = await tx
        .selectFrom('growthProgrammeVersions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('programme', '=', programme)
        .executeTakeFirst();
      const row = await tx
        .insertInto('growthProgrammeVersions')
        .values({
          programme,
          version: (last?.v ?? 0) + 1,
          effectiveFrom: input.effectiveFrom,
          note: input.note ?? '',
          boostCreditsPerHour: input.boost?.creditsPerHour ?? null,
          boostWeightBp: input.boost?.weightBp ?? null,
          boostMaxHours: input.boost?.maxHours ?? null,
          newShopBoostBp: input.newShopBoost?.weightBp ?? null,
          newShopBoostDays: input.newShopBoost?.days ?? null,
          createdBy: by,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await rules(tx, row.id);
      return row.id;
    });
  } catch (err) {
    // two ops adding a version at once, or a second version taking effect at the same instant
    if (isUniqueViolation(err)) {
      throw new AppError(
        'conflict',
        'another version was added at the same time or takes effect then; reload',
        {
          fields: [{ field: 'effectiveFrom', reason: 'another version takes effect at this time' }],
        },
      );
    }
    throw err;
  }
}
