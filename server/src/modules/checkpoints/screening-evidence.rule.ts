import type { Category, ScreenHit, Screening, Severity, Surface } from '../screening/index.ts';

/** Why a lexicon hit did not count towards the verdict, as the screener says. */
export type NotCounted = NonNullable<ScreenHit['why']>;
export const NOT_COUNTED = [
  'negated',
  'disclaimer',
  'not_on_surface',
  'fact',
] as const satisfies readonly NotCounted[];

/** A lexicon entry that fired, as the decision saw it. */
export interface EvidenceHit {
  category: Category;
  term: string;
  severity: Severity;
  match: string;
  span: [number, number];
  counted: boolean;
  /** Why it did not count (null when it counted, or when the screener did not say). */
  notCounted: NotCounted | null;
}

/** A model category's score and the surface's thresholds it was held against. */
export interface EvidenceScore {
  category: Category;
  score: number;
  flagged: boolean;
  high: boolean;
  flagAt: number | null;
  highAt: number | null;
}

interface ScreenedLike {
  hits: readonly ScreenHit[];
  model: readonly EvidenceScore[];
  categories: readonly Category[];
  risk: string;
}

/**
 * One hit as evidence: whether it counted and, when it did not, why. A hit in a category the surface
 * does not enforce is off the surface whatever else is said.
 */
export function evidenceHit(hit: ScreenHit, enforced?: readonly Category[]): EvidenceHit {
  const notCounted: NotCounted | null = hit.counted
    ? null
    : enforced && !enforced.includes(hit.category)
      ? 'not_on_surface'
      : (hit.why ?? null);
  return {
    category: hit.category,
    term: hit.term,
    severity: hit.severity,
    match: hit.match,
    span: [hit.span[0], hit.span[1]],
    counted: hit.counted,
    notCounted,
  };
}

/** Whether a screening is worth keeping with its decision: it held the text, or found anything at all. */
export const worthKeeping = (screened: ScreenedLike, outcome: string): boolean =>
  outcome !== 'allow' ||
  screened.risk !== 'none' ||
  screened.hits.length > 0 ||
  screened.model.some((m) => m.flagged);

const hitKey = (h: { term: string; span: readonly number[]; counted?: boolean }) =>
  `${h.term}@${h.span[0]}-${h.span[1]}:${h.counted ?? true}`;

/**
 * Whether screening the same text today says something else than at the time: another risk, other
 * categories, other lexicon hits (or other counting of them), or another set of model flags.
 */
export function verdictChanged(
  then: {
    risk: string;
    categories: readonly string[];
    hits: readonly EvidenceHit[];
    model: readonly EvidenceScore[];
  },
  now: ScreenedLike,
): boolean {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  const flags = (m: readonly EvidenceScore[]) =>
    m.filter((s) => s.flagged).map((s) => `${s.category}:${s.high}`);
  return (
    then.risk !== now.risk ||
    !same(then.categories, now.categories) ||
    !same(then.hits.map(hitKey), now.hits.map(hitKey)) ||
    !same(flags(then.model), flags(now.model))
  );
}

/** What a screening found, in the shape ops and merchants read (and the decision keeps). */
export interface Finding {
  surface: Surface | null;
  risk: Screening['risk'];
  categories: Category[];
  lexiconVersion: number;
  modelVersion: string;
  hits: EvidenceHit[];
  model: EvidenceScore[];
}

/** A screening as a finding: every hit with whether it counted and why not, every model score with its thresholds. */
export function findingOf(screened: Screening, enforced?: readonly Category[]): Finding {
  return {
    surface: screened.surface ?? null,
    risk: screened.risk,
    categories: [...screened.categories],
    lexiconVersion: screened.version,
    modelVersion: screened.modelVersion,
    hits: screened.hits.map((h) => evidenceHit(h, enforced)),
    model: screened.model.map((m) => ({
      category: m.category,
      score: m.score,
      flagged: m.flagged,
      high: m.high,
      flagAt: m.flagAt,
      highAt: m.highAt,
    })),
  };
}
