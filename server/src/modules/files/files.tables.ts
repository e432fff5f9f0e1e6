import type { ColumnType, Generated } from 'kysely';

export interface EvidenceFilesTable {
  id: Generated<number>;
  uploadedBy: number;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  sizeBytes: number;
  sha256: string;
  data: Buffer;
  createdAt: ColumnType<Date, Date, never>;
}

export interface FilesTables {
  evidenceFiles: EvidenceFilesTable;
}
