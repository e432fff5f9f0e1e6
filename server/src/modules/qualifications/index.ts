export {
  QUALIFICATION_CODES,
  QUALIFICATIONS,
  type QualificationCode,
  type RegulatedType,
} from './qualification-codes.ts';
export {
  canonicalQualificationNo,
  QUALIFICATION_SHAPES,
  qualificationKindOf,
} from './qualification-shape.rule.ts';
export {
  type QualificationCheck,
  type QualificationProblem,
  verifyQualification,
} from './registry.service.ts';
export type { QualificationTables } from './registry.tables.ts';
