import { type Automaton, buildAutomaton, scanAutomaton } from './automaton.ts';
import { CATEGORIES, type Category, type Severity, type TermInput } from './lexicon.ts';
import type { ModelScore } from './model/model.ts';
import { normalizeText } from './normalize.ts';
import type { Surface } from './surfaces.ts';

/**
 * Contact details recognised by shape rather than by word (product rules §6: phone numbers, WeChat and
 * QQ ids, links). Always part of a screener, whatever the lexicon holds; they run over the normalised
 * text, so "壹叁捌 0013 8000", "V信: tom_2023" and "扣扣 12345678" are caught like the plain forms.
 */
export const BUILT_IN_PATTERNS: readonly { name: string; pattern: string }[] = [
  // mainland mobile numbers: 11 digits from 13–19, alone (not inside an order number), +86 allowed
  { name: 'phone_number', pattern: '(?<!\\d)(?:86)?1[3-9]\\d{9}(?!\\d)' },
  // a WeChat id (6–20 characters from a letter) after 微信号 / 微信是, or with a digit, _ or - in it
  {
    name: 'wechat_id',
    pattern:
      '微信(?:号|id|是|为)+ ?[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-])|微信(?=[a-z]*[0-9_-])[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-])|(?<![a-z])wxid_?[a-z0-9]{4,}',
  },
  { name: 'qq_number', pattern: '(?<![a-z])qq?(?:号|群)?(?:是|为)? ?[1-9]\\d{4,10}(?!\\d)' },
  {
    name: 'url',
    pattern:
      '(?<![a-z0-9])(?:https?|www)(?![a-z])|[a-z0-9-]+\\.(?:com|cn|net|org|top|xyz|vip|cc|io|me|shop|link|site|info|co|tv|ltd|club|store|online|hk|tw)(?![a-z])|[a-z0-9]{2,}(?:点| dot ?)(?:com|cn|net|top|vip|xyz)(?![a-z])',
  },
];

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
  hits: ScreenHit[];
  categories: Category[];
  risk: ScreeningRisk;
  /** The surface the text was screened for (absent: every category counts, as before issue 17). */
  surface?: Surface;
  /** The model's scores (every category it scores on the surface), highest first. */
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
export function compileScreener(terms: readonly TermInput[], version = 0): Screener {
  // The built-in patterns scan on their own, so a lexicon term at the same place does not hide them.
  const builtIns: TermInput[] = BUILT_IN_PATTERNS.map((p) => ({
    term: `pattern:${p.name}`,
    kind: 'pattern',
    category: 'off_platform',
    severity: 'high',
    lang: 'zh',
  }));
  const sourceOf = new Map(BUILT_IN_PATTERNS.map((p) => [`pattern:${p.name}`, p.pattern]));
  const categories = [compileCategory('off_platform', builtIns, sourceOf)];
  for (const category of CATEGORIES) {
    const own = terms.filter((t) => t.category === category && t.kind === 'pattern');
    if (own.length > 0) categories.push(compileCategory(category, own, sourceOf));
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
  return { version, termCount: terms.length, automaton: buildAutomaton(words), literals, categories };
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
  return { category, regex: new RegExp(parts.join('|'), FLAGS), terms: compiled };
}

/** Screens one text against a compiled lexicon: pure, no I/O. */
export function screenText(
  text: string,
  screener: Screener,
  opts: { categories?: readonly Category[]; surface?: Surface } = {},
): ScreenResult {
  const { text: normalized, map } = normalizeText(text);
  const hits: ScreenHit[] = [];
  const { literals } = screener;
  scanAutomaton(screener.automaton, normalized, (index, end) => {
    const literal = literals[index]!;
    if (opts.categories && !opts.categories.includes(literal.category)) return;
    const start = end - literal.length;
    if (touches(literal.before, normalized.charCodeAt(start - 1))) return;
    if (touches(literal.after, normalized.charCodeAt(end))) return;
    hits.push({
      category: literal.category,
      term: literal.term,
      severity: literal.severity,
      match: normalized.slice(start, end),
      span: [map[start]!, sourceEnd(text, map[end - 1]!)],
    });
  });
  for (const compiled of screener.categories) {
    if (opts.categories && !opts.categories.includes(compiled.category)) continue;
    const { regex } = compiled;
    regex.lastIndex = 0;
    for (let m = regex.exec(normalized); m !== null; m = regex.exec(normalized)) {
      if (m[0] === '') {
        regex.lastIndex++;
        continue;
      }
      const term = compiled.terms.find((t) => m![t.group] !== undefined)!;
      const start = m.index;
      const end = start + m[0].length;
      hits.push({
        category: compiled.category,
        term: term.term,
        severity: term.severity,
        match: m[0],
        span: [map[start]!, sourceEnd(text, map[end - 1]!)],
      });
    }
  }
  hits.sort((a, b) => a.span[0] - b.span[0]);
  const categories = [...new Set(hits.map((h) => h.category))];
  const risk = hits.some((h) => h.severity === 'high') ? 'high' : hits.length > 0 ? 'low' : 'none';
  return { normalized, hits, categories, risk, model: [], modelVersion: 'none' };
}

/** The end of the original character at `at` (a surrogate pair counts as one). */
function sourceEnd(text: string, at: number): number {
  const code = text.codePointAt(at) ?? 0;
  return at + (code > 0xffff ? 2 : 1);
}
