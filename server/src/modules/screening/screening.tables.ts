import type { Generated } from 'kysely';
import type { Category, Lang, Severity, TermKind } from './lexicon.ts';

export interface ScreeningLexiconTable {
  singleton: Generated<boolean>;
  version: number;
  updatedAt: Generated<Date>;
}

export interface ScreeningTermsTable {
  id: Generated<number>;
  term: string;
  kind: TermKind;
  category: Category;
  severity: Severity;
  lang: Lang;
  addedIn: number;
  removedIn: number | null;
  createdBy: number | null;
  createdAt: Generated<Date>;
  removedBy: number | null;
  removedAt: Date | null;
}

export interface ScreeningTables {
  screeningLexicon: ScreeningLexiconTable;
  screeningTerms: ScreeningTermsTable;
}
