export {
  type EvalRow,
  type Evaluation,
  evaluate,
  evaluateHeldout,
  formatEvaluation,
  formatHeldout,
  formatHeldoutComparison,
  HELDOUT_LATE_FILE,
  type HeldoutEvaluation,
  type HeldoutRow,
  heldoutScreeners,
  heldoutSummary,
  readEvalSet,
  readHeldout,
} from './eval/evaluate.ts';
export {
  CATEGORIES,
  type Category,
  DEFAULT_LEXICON,
  type Lang,
  type Severity,
  type TermInput,
  type TermKind,
} from './lexicon.ts';
export { defaultModel, NO_MODEL, type ScreeningModel } from './model/model.ts';
export { type Normalized, normalizeText } from './normalize.ts';
export { HitSchema, ScreenResultSchema } from './screen-hit.schema.ts';
export {
  compileScreener,
  type ModelVerdict,
  SCREENING_RISKS,
  type Screener,
  type ScreenHit,
  type ScreeningRisk,
  type ScreenResult,
  screenText,
  termProblem,
} from './screener.ts';
export { screeningRoutes } from './screening.routes.ts';
export {
  lexiconVersion,
  loadScreener,
  type ScoredVerdict,
  type Screening,
  ScreeningService,
  type ScreenOptions,
} from './screening.service.ts';
export { isSurface, SURFACES, type Surface } from './surfaces.ts';
