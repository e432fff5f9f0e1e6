import type { ColumnType, JSONColumnType } from 'kysely';
import type { Category, Surface } from '../screening/index.ts';
import type { EvidenceHit, EvidenceScore } from './screening-evidence.rule.ts';

type Json<T extends object> = JSONColumnType<T, string, never>;

/** What a screening saw when its text was decided on (migration 0096): one row per decision. */
export interface ScreeningEvidenceTable {
  decisionId: number;
  checkpoint: string;
  subjectType: string;
  subjectId: number;
  outcome: 'allow' | 'review' | 'block';
  surface: Surface;
  text: string;
  risk: 'none' | 'low' | 'medium' | 'high';
  categories: Category[];
  lexiconVersion: number;
  modelVersion: string;
  hits: Json<EvidenceHit[]>;
  model: Json<EvidenceScore[]>;
  at: ColumnType<Date, Date, never>;
}

export interface ScreeningEvidenceTables {
  screeningEvidence: ScreeningEvidenceTable;
}
