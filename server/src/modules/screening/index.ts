export { type EvalRow, type Evaluation, evaluate, formatEvaluation, readEvalSet } from './eval/evaluate.ts';
export {
  CATEGORIES,
  type Category,
  DEFAULT_LEXICON,
  type Lang,
  type Severity,
  type TermInput,
  type TermKind,
} from './lexicon.ts';
export { type Normalized, normalizeText } from './normalize.ts';
export { HitSchema, ScreenResultSchema } from './screen-hit.schema.ts';
export {
  compileScreener,
  type Screener,
  type ScreenHit,
  type ScreenResult,
  screenText,
  termProblem,
} from './screener.ts';
export { screeningRoutes } from './screening.routes.ts';
export { lexiconVersion, loadScreener, ScreeningService } from './screening.service.ts';
