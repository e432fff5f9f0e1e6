import type { QualificationCode } from './qualification-codes.ts';

export interface QualificationRegistryTable {
  number: string;
  kind: QualificationCode;
  holder: string;
  status: 'valid' | 'revoked';
  validUntil: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface QualificationTables {
  qualificationRegistry: QualificationRegistryTable;
}
