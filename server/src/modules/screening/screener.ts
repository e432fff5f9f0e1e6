import { type Automaton, buildAutomaton, scanAutomaton } from './automaton.ts';
import { BUILT_IN_PATTERNS } from './contact-patterns.ts';
import { CATEGORIES, type Category, type Severity, type TermInput } from './lexicon.ts';
import { type ModelScore, NO_MODEL, type ScreeningModel } from './model/model.ts';
import { normalizeText } from './normalize.ts';
import { type NotCounted, type ScopeReader, scopeOf } from './scope.ts';
import { SURFACE_PROFILES, type Surface } from './surfaces.ts';
import { combine, modelVerdicts } from './verdict.ts';

export { BUILT_IN_PATTERNS } from './contact-patterns.ts';

const FLAGS = 'g';
/** As the screening_terms table allows. */
export const MAX_TERM_LENGTH = 500;

export interface ScreenHit {
  category: Category;
  /** The lexicon term (as stored) or `pattern:<name>` for a built-in pattern. */
  term: string;
  severity: Severity;
  /** What matched, in the normalised text. */
  match: string;
  /** Where it is in the original text: [start, end) in UTF-16 code units. */
  span: [number, number];
  /** Whether the hit weighs in the verdict (false: shown, not counted). */
  counted: boolean;
  /** Why a hit does not count: negated, a disclaimer, a category the surface does not enforce, a fact. */
  why?: NotCounted;
}

/** The risk a screening reports: the domain of the decision engine's `screening_risk` feature. */
export const SCREENING_RISKS = ['none', 'low', 'medium', 'high'] as const;
export type ScreeningRisk = (typeof SCREENING_RISKS)[number];

/** A category the learned model scored on this text, with the surface's verdict on that score. */
export interface ModelVerdict extends ModelScore {
  /** At or above the surface's flag threshold. */
  flagged: boolean;
  /** At or above the surface's high threshold. */
  high: boolean;
}

export interface ScreenResult {
  normalized: string;
  /** Every lexicon hit, counted or not (with why not). */
  hits: ScreenHit[];
  /** The verdict: categories at medium or high (without a surface, also those a counted hit names). */
  categories: Category[];
  /** The highest category's risk (verdict.ts: how the lexicon and the model combine). */
  risk: ScreeningRisk;
  /** The surface the text was screened for (absent: every category counts, as before issue 17). */
  surface?: Surface;
  /** The model's scores (every category it scores and the surface enforces), highest first. */
  model: ModelVerdict[];
  /** The model weights used ('none' without a model). */
  modelVersion: string;
}

interface CompiledTerm {
  term: string;
  severity: Severity;
  /** Index of the term's own capture group in the category regex. */
  group: number;
}

interface CompiledCategory {
  category: Category;
  /** The built-in contact patterns (a refusal before them does not cancel a phone number). */
  shape: boolean;
  regex: RegExp;
  terms: CompiledTerm[];
}

interface CompiledLiteral {
  term: string;
  category: Category;
  severity: Severity;
  length: number;
  /** An English word matches whole: no letter (or digit, for a number) may touch it. */
  before: Boundary;
  after: Boundary;
}

enum Boundary {
  None = 0,
  Letter = 1,
  Digit = 2,
}

/**
 * A lexicon compiled once per version: its literal terms into one Aho–Corasick automaton, its
 * patterns into one regular expression per category (the built-in patterns into their own).
 */
export interface Screener {
  version: number;
  termCount: number;
  automaton: Automaton;
  literals: CompiledLiteral[];
  categories: CompiledCategory[];
  /** The learned model scored beside the lexicon (NO_MODEL: lexicon only). */
  model: ScreeningModel;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const groupCount = (source: string) => new RegExp(`${source}|`, FLAGS).exec('')!.length - 1;

/**
 * The regular-expression source of one term over the normalised text. A literal is normalised like
 * the texts, and an English word only matches whole (cure is not in secure, 1 not in 13).
 */
export function termSource(input: Pick<TermInput, 'term' | 'kind'>): string {
  if (input.kind === 'pattern') return input.term;
  const text = normalizeText(input.term).text;
  if (text === '') throw new Error('the term is empty once normalised');
  const first = text[0]!;
  const last = text.at(-1)!;
  const before = /[a-z]/.test(first) ? '(?<![a-z])' : /\d/.test(first) ? '(?<!\\d)' : '';
  const after = /[a-z]/.test(last) ? '(?![a-z])' : /\d/.test(last) ? '(?!\\d)' : '';
  return `${before}${escapeRegex(text)}${after}`;
}

/**
 * Why a term cannot be used, or null: too long, a pattern that does not compile, matches the empty
 * text, or backtracks catastrophically (one such pattern would stall every screening in the process).
 */
export function termProblem(input: Pick<TermInput, 'term' | 'kind'>): string | null {
  if (input.term.length > MAX_TERM_LENGTH) return `longer than ${MAX_TERM_LENGTH} characters`;
  try {
    const regex = new RegExp(termSource(input), FLAGS);
    if (regex.test('')) return 'matches the empty text';
    if (input.kind === 'pattern' && backtracks(regex))
      return 'too slow on repetitive text (nested repetition?)';
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// Repetitive probes on which nested repetition ((a+)+, (\d*)*) explodes; growth shows before 24 characters.
const PROBE_UNITS = ['a', '1', '微', ' ', 'a1', '微信'];
const PROBE_LENGTHS = [12, 16, 20, 24];
const PROBE_BUDGET_MS = 20;

function probeMs(regex: RegExp, probe: string): number {
  const start = performance.now();
  regex.lastIndex = 0;
  regex.exec(probe);
  return performance.now() - start;
}

function backtracks(regex: RegExp): boolean {
  for (const unit of PROBE_UNITS) {
    for (const n of PROBE_LENGTHS) {
      const probe = `${unit.repeat(n)}!`;
      // slow twice, so a pause of the process (GC, a busy machine) is not taken for the pattern
      if (probeMs(regex, probe) > PROBE_BUDGET_MS && probeMs(regex, probe) > PROBE_BUDGET_MS) return true;
    }
  }
  return false;
}

/**
 * Compiles a lexicon: the literal terms (normalised) into one Aho–Corasick automaton that finds all of
 * them in one pass; the patterns of each category into one regular expression where every pattern
 * (high severity first, longer first, so the stronger reading wins at one place) is an alternative
 * with its own capture group, so one scan per category finds them and tells which one matched.
 */
export function compileScreener(
  terms: readonly TermInput[],
  version = 0,
  model: ScreeningModel = NO_MODEL,
): Screener {
  // The built-in patterns scan on their own, so a lexicon term at the same place does not hide them.
  const builtIns: TermInput[] = BUILT_IN_PATTERNS.map((p) => ({
    term: `pattern:${p.name}`,
    kind: 'pattern',
    category: 'off_platform',
    severity: 'high',
    lang: 'zh',
  }));
  const sourceOf = new Map(BUILT_IN_PATTERNS.map((p) => [`pattern:${p.name}`, p.pattern]));
  const categories = [compileCategory('off_platform', builtIns, sourceOf, true)];
  for (const category of CATEGORIES) {
    const own = terms.filter((t) => t.category === category && t.kind === 'pattern');
    if (own.length > 0) categories.push(compileCategory(category, own, sourceOf, false));
  }
  const literals: CompiledLiteral[] = [];
  const words: string[] = [];
  for (const t of terms) {
    if (t.kind !== 'literal') continue;
    const text = normalizeText(t.term).text;
    if (text === '') throw new Error(`the term ${t.term} is empty once normalised`);
    words.push(text);
    literals.push({
      term: t.term,
      category: t.category,
      severity: t.severity,
      length: text.length,
      before: boundaryOf(text.charCodeAt(0)),
      after: boundaryOf(text.charCodeAt(text.length - 1)),
    });
  }
  return { version, termCount: terms.length, automaton: buildAutomaton(words), literals, categories, model };
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const boundaryOf = (c: number) =>
  isLetter(c) ? Boundary.Letter : isDigit(c) ? Boundary.Digit : Boundary.None;
const touches = (boundary: Boundary, c: number) =>
  boundary === Boundary.Letter ? isLetter(c) : boundary === Boundary.Digit ? isDigit(c) : false;

const rank = (s: Severity) => (s === 'high' ? 1 : 0);

function compileCategory(
  category: Category,
  terms: readonly TermInput[],
  sourceOf: ReadonlyMap<string, string>,
  shape: boolean,
): CompiledCategory {
  const ordered = terms
    .map((t) => ({ t, source: sourceOf.get(t.term) ?? termSource(t) }))
    .sort((a, b) => rank(b.t.severity) - rank(a.t.severity) || b.source.length - a.source.length);
  const compiled: CompiledTerm[] = [];
  const parts: string[] = [];
  let group = 1;
  for (const { t, source } of ordered) {
    compiled.push({ term: t.term, severity: t.severity, group });
    parts.push(`(${source})`);
    group += 1 + groupCount(source);
  }
  return { category, shape, regex: new RegExp(parts.join('|'), FLAGS), terms: compiled };
}

/**
 * Screens one text: the lexicon's hits (each counted or not, and why), the learned model's scores on
 * the surface, and the verdict they make together (verdict.ts). Pure, no I/O. Without a surface every
 * category counts and the model is held to the listing's thresholds (a listing enforces everything).
 */
export function screenText(
  text: string,
  screener: Screener,
  opts: { categories?: readonly Category[]; surface?: Surface } = {},
): ScreenResult {
  const { text: normalized, map } = normalizeText(text);
  const asked = opts.categories;
  const enforced = opts.surface ? SURFACE_PROFILES[opts.surface].categories : undefined;
  const hits: ScreenHit[] = [];
  const { literals } = screener;
  let scope: ScopeReader | undefined;
  const hit = (
    category: Category,
    term: string,
    severity: Severity,
    start: number,
    end: number,
    shape: boolean,
  ) => {
    // the scope (negation, disclaimers, facts) is read once, on the first hit that needs it
    if (!(enforced && !enforced.includes(category))) scope ??= scopeOf(normalized);
    const why: NotCounted | null =
      enforced && !enforced.includes(category) ? 'not_on_surface' : scope!.why(category, start, end, shape);
    const found: ScreenHit = {
      category,
      term,
      severity,
      match: normalized.slice(start, end),
      span: [map[start]!, sourceEnd(text, map[end - 1]!)],
      counted: why === null,
    };
    if (why !== null) found.why = why;
    hits.push(found);
  };
  scanAutomaton(screener.automaton, normalized, (index, end) => {
    const literal = literals[index]!;
    if (asked && !asked.includes(literal.category)) return;
    const start = end - literal.length;
    if (touches(literal.before, normalized.charCodeAt(start - 1))) return;
    if (touches(literal.after, normalized.charCodeAt(end))) return;
    hit(literal.category, literal.term, literal.severity, start, end, false);
  });
  for (const compiled of screener.categories) {
    if (asked && !asked.includes(compiled.category)) continue;
    const { regex } = compiled;
    regex.lastIndex = 0;
    for (let m = regex.exec(normalized); m !== null; m = regex.exec(normalized)) {
      if (m[0] === '') {
        regex.lastIndex++;
        continue;
      }
      const term = compiled.terms.find((t) => m![t.group] !== undefined)!;
      hit(compiled.category, term.term, term.severity, m.index, m.index + m[0].length, compiled.shape);
    }
  }
  hits.sort((a, b) => a.span[0] - b.span[0]);
  const { model } = screener;
  const thresholds = model.thresholds[opts.surface ?? 'listing'] ?? {};
  const verdicts = modelVerdicts(
    model,
    normalized,
    thresholds,
    (c) => (!asked || asked.includes(c)) && (!enforced || enforced.includes(c)),
  );
  const { risk, categories } = combine(hits, verdicts, thresholds, opts.surface === undefined);
  const result: ScreenResult = {
    normalized,
    hits,
    categories,
    risk,
    model: verdicts,
    modelVersion: model.version,
  };
  if (opts.surface) result.surface = opts.surface;
  return result;
}

/** The end of the original character at `at` (a surrogate pair counts as one). */
function sourceEnd(text: string, at: number): number {
  const code = text.codePointAt(at) ?? 0;
  return at + (code > 0xffff ? 2 : 1);
}
