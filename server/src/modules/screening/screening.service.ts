import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { notify } from '../../platform/pubsub.ts';
import { type Category, DEFAULT_LEXICON, type Lang, type TermInput, type TermKind } from './lexicon.ts';
import { defaultModel, type ScreeningModel } from './model/model.ts';
import {
  compileScreener,
  type ModelVerdict,
  type Screener,
  type ScreenResult,
  screenText,
  termProblem,
} from './screener.ts';
import type { Surface } from './surfaces.ts';

/** How long a process trusts its compiled lexicon before reading the version again. */
export const VERSION_CHECK_MS = 1_000;
/** Every lexicon change is announced here (on commit) so other processes recompile at once. */
export const LEXICON_CHANNEL = 'screening_lexicon';

/**
 * The lexicon version, writing the default lexicon first when the database has none yet (version 0).
 * The update takes the row lock, so two processes starting at once write the defaults once.
 */
export async function lexiconVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('screeningLexicon').select('version').executeTakeFirstOrThrow();
  if (row.version > 0) return row.version;
  return db.transaction().execute(async (tx) => {
    const seeded = await tx
      .updateTable('screeningLexicon')
      .set({ version: 1, updatedAt: sql`now()` })
      .where('version', '=', 0)
      .returning('version')
      .executeTakeFirst();
    if (!seeded) {
      const now = await tx.selectFrom('screeningLexicon').select('version').executeTakeFirstOrThrow();
      return now.version;
    }
    await tx
      .insertInto('screeningTerms')
      .values(DEFAULT_LEXICON.map((t) => ({ ...t, addedIn: 1, createdBy: null })))
      .execute();
    return 1;
  });
}

/** Compiles a lexicon with the learned model beside it (the screener scores with the model it carries). */
const compile: (terms: readonly TermInput[], version: number, model: ScreeningModel) => Screener =
  compileScreener;

/** Reads the live lexicon and compiles it with the model (no cache: see ScreeningService). */
export async function loadScreener(db: Executor, model: ScreeningModel = defaultModel()): Promise<Screener> {
  const version = await lexiconVersion(db);
  const terms = await db
    .selectFrom('screeningTerms')
    .select(['term', 'kind', 'category', 'severity', 'lang'])
    .where('removedIn', 'is', null)
    .orderBy('id')
    .execute();
  return compile(terms, version, model);
}

/** What the screening of one text found (see ScreenResult), with the lexicon version and model thresholds. */
export interface Screening extends ScreenResult {
  /** The lexicon version used. */
  version: number;
  model: ScoredVerdict[];
}

/** A model verdict with the surface's thresholds it was held against (null: not scored on the surface). */
export interface ScoredVerdict extends ModelVerdict {
  flagAt: number | null;
  highAt: number | null;
}

/** What a caller screens for: the surface the text is written on, and optionally only some categories. */
export interface ScreenOptions {
  surface?: Surface;
  categories?: readonly Category[];
}

/**
 * Screens texts with the lexicon in force and the learned model. The compiled screener is kept until the lexicon version
 * changes: a change announced on LEXICON_CHANNEL is seen at once by every process; the version is also
 * read at most once a second, in case a notification was lost with the listening connection.
 */
export class ScreeningService {
  private current: Screener | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<Screener> | undefined;
  private readonly checkEveryMs: number;
  /** The learned classifier beside the lexicon (NO_MODEL: lexicon only). */
  readonly model: ScreeningModel;
  /** Settles once this process listens for lexicon changes (at once without a pubsub). */
  readonly listening: Promise<void>;

  constructor(
    private readonly db: Db,
    opts: { pubsub?: PubSub; checkEveryMs?: number; model?: ScreeningModel } = {},
  ) {
    this.checkEveryMs = opts.checkEveryMs ?? VERSION_CHECK_MS;
    this.model = opts.model ?? defaultModel();
    // if listening fails, the once-a-second version check still brings changes in
    this.listening = opts.pubsub
      ? opts.pubsub.subscribe(LEXICON_CHANNEL, () => this.invalidate()).catch(() => {})
      : Promise.resolve();
  }

  /**
   * The compiled lexicon in force. `via`: the caller's open transaction, used for the version check
   * so that a checkpoint holding a pool connection never waits for a second one (with every connection
   * inside such a transaction, the pool would otherwise never free one).
   */
  async screener(via?: Executor): Promise<Screener> {
    // monotonic process time, not the business clock: this only paces a cache
    if (this.current && performance.now() - this.checkedAt < this.checkEveryMs) return this.current;
    this.loading ??= this.refresh(via).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /**
   * Screens one text for the surface it is written on (the surface decides which categories count
   * and the model's thresholds). Without a surface every category counts, as before issue 17.
   */
  async screen(text: string, opts: ScreenOptions = {}, via?: Executor): Promise<Screening> {
    const screener = await this.screener(via);
    const result = screenText(text, screener, opts);
    // without a surface the screener holds the model to the listing's thresholds (it enforces everything)
    const thresholds = this.model.thresholds[opts.surface ?? 'listing'];
    return {
      ...result,
      version: screener.version,
      model: result.model.map((verdict) => {
        const threshold = thresholds?.[verdict.category];
        return { ...verdict, flagAt: threshold?.flag ?? null, highAt: threshold?.high ?? null };
      }),
    };
  }

  /** Forget the compiled lexicon: the next screening reads the version again. */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async refresh(via?: Executor): Promise<Screener> {
    const stored = via
      ? (await via.selectFrom('screeningLexicon').select('version').executeTakeFirstOrThrow()).version
      : 0;
    // Version 0: the defaults are not written yet; that needs a transaction of its own (once ever).
    const version = stored > 0 ? stored : await lexiconVersion(this.db);
    if (!this.current || this.current.version !== version)
      this.current = await loadScreener(stored > 0 && via ? via : this.db, this.model);
    this.checkedAt = performance.now();
    return this.current;
  }
}

export interface StoredTerm extends TermInput {
  id: number;
  addedIn: number;
  createdBy: number | null;
  createdAt: Date;
}

const termColumns = [
  'id',
  'term',
  'kind',
  'category',
  'severity',
  'lang',
  'addedIn',
  'createdBy',
  'createdAt',
] as const;

export async function listTerms(
  db: Db,
  filter: { category?: Category; lang?: Lang; kind?: TermKind; q?: string; limit: number; offset: number },
): Promise<{ version: number; items: StoredTerm[]; total: number; limit: number; offset: number }> {
  const version = await lexiconVersion(db);
  let query = db.selectFrom('screeningTerms').where('removedIn', 'is', null);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.lang) query = query.where('lang', '=', filter.lang);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.q) query = query.where('term', 'like', `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
  const [items, total] = await Promise.all([
    query.select(termColumns).orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { version, items, total: total.n, limit: filter.limit, offset: filter.offset };
}

/** The next lexicon version, holding the lexicon row lock until the change commits. */
async function bumpVersion(tx: Tx): Promise<number> {
  const row = await tx
    .updateTable('screeningLexicon')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .returning('version')
    .executeTakeFirstOrThrow();
  await notify(tx, LEXICON_CHANNEL, String(row.version));
  return row.version;
}

/** Ops add a term: checked (a pattern must compile and not match the empty text), then a new version. */
export async function addTerm(
  db: Db,
  input: TermInput,
  userId: number,
): Promise<{ version: number; term: StoredTerm }> {
  const problem = termProblem(input);
  if (problem) throw invalidField('term', problem);
  await lexiconVersion(db);
  try {
    return await db.transaction().execute(async (tx) => {
      const version = await bumpVersion(tx);
      const term = await tx
        .insertInto('screeningTerms')
        .values({ ...input, addedIn: version, createdBy: userId })
        .returning(termColumns)
        .executeTakeFirstOrThrow();
      return { version, term };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        'already_exists',
        `"${input.term}" is already a ${input.kind} of ${input.category}`,
        {
          field: 'term',
        },
      );
    throw error;
  }
}

/** Ops remove a term: kept for audit with the version that removed it. */
export async function removeTerm(
  db: Db,
  id: number,
  userId: number,
): Promise<{ version: number; term: StoredTerm }> {
  await lexiconVersion(db);
  return db.transaction().execute(async (tx) => {
    const version = await bumpVersion(tx);
    const term = await tx
      .updateTable('screeningTerms')
      .set({ removedIn: version, removedBy: userId, removedAt: sql`now()` })
      .where('id', '=', id)
      .where('removedIn', 'is', null)
      .returning(termColumns)
      .executeTakeFirst();
    // throwing rolls the version back too
    if (!term) throw notFound('screening term', id);
    return { version, term };
  });
}
