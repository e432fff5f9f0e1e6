import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, type Executor, inTransaction } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import {
  EVIDENCE_CONTENT_TYPES,
  type EvidenceContentType,
  isEvidenceContentType,
  sniffImageType,
} from './image-type.rule.ts';

/** The largest evidence image the platform stores: 5 MiB. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** The most images one evidence item may carry. */
export const MAX_FILES_PER_EVIDENCE = 9;

export interface EvidenceFile {
  id: number;
  contentType: EvidenceContentType;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const fileColumns = ['id', 'contentType', 'sizeBytes', 'sha256', 'createdAt'] as const;

function unsupported(reason: string): AppError {
  return new AppError('unsupported_media_type', `body: ${reason}`, {
    fields: [{ field: 'body', reason }],
    allowed: [...EVIDENCE_CONTENT_TYPES],
  });
}

/** The bytes must be a non-empty image of an accepted type, at most `maxBytes`, and be the type they are declared as. */
export function checkImageUpload(
  declaredType: string | undefined,
  bytes: Buffer | undefined,
  maxBytes: number,
): EvidenceContentType {
  if (!bytes || bytes.length === 0) throw invalidField('body', 'is empty: send the image bytes');
  // The route's body limit turns larger bodies away before they are read; this guards other callers.
  if (bytes.length > maxBytes) {
    throw new AppError('payload_too_large', `body: an image may be at most ${maxBytes} bytes`, {
      maxBytes,
      fields: [{ field: 'body', reason: `is larger than ${maxBytes} bytes` }],
    });
  }
  const allowed = EVIDENCE_CONTENT_TYPES.join(', ');
  if (!isEvidenceContentType(declaredType)) {
    throw unsupported(`Content-Type ${declaredType ?? '(none)'} is not accepted; send one of ${allowed}`);
  }
  const actual = sniffImageType(bytes);
  if (actual !== declaredType) {
    const looksLike = actual ? `they are ${actual}` : `they are none of ${allowed}`;
    throw unsupported(`the bytes are not ${declaredType}: ${looksLike}`);
  }
  return actual;
}

/**
 * The platform's file store (bytes kept in PostgreSQL, in `evidence_files`): stores an uploaded image
 * after checking its type by magic bytes and its size. The same uploader sending the same bytes again
 * gets the file already stored (`created: false`), so a retried upload leaves no duplicate. Runs in
 * the caller's transaction when given one. Evidence and product images both use it.
 */
export async function storeImageFile(
  db: Executor,
  clock: Clock,
  input: {
    uploadedBy: number;
    declaredType: string | undefined;
    bytes: Buffer | undefined;
    maxBytes: number;
  },
): Promise<{ file: EvidenceFile; created: boolean }> {
  const contentType = checkImageUpload(input.declaredType, input.bytes, input.maxBytes);
  const data = input.bytes!;
  const sha256 = createHash('sha256').update(data).digest('hex');
  return inTransaction(db, async (tx) => {
    // No unique index on (uploader, sha256): concurrent uploads of the same bytes by the same
    // account queue on this lock, so the second finds the first's row.
    const key = `evidence-file:${input.uploadedBy}:${sha256}`;
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
    const existing = await tx
      .selectFrom('evidenceFiles')
      .select(fileColumns)
      .where('uploadedBy', '=', input.uploadedBy)
      .where('sha256', '=', sha256)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (existing) return { file: existing, created: false };
    const file = await tx
      .insertInto('evidenceFiles')
      .values({
        uploadedBy: input.uploadedBy,
        contentType,
        sizeBytes: data.length,
        sha256,
        data,
        createdAt: clock.now(),
      })
      .returning(fileColumns)
      .executeTakeFirstOrThrow();
    return { file, created: true };
  });
}

/** A stored file's bytes, with no access check: for callers that decided who may read it. */
export async function readStoredFile(
  db: Executor,
  id: number,
): Promise<{ contentType: EvidenceContentType; sha256: string; data: Buffer } | undefined> {
  return db
    .selectFrom('evidenceFiles')
    .select(['contentType', 'sha256', 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Stores an uploaded evidence image (at most MAX_EVIDENCE_BYTES); see storeImageFile. */
export function storeEvidenceFile(
  db: Db,
  clock: Clock,
  input: { uploadedBy: number; declaredType: string | undefined; bytes: Buffer | undefined },
): Promise<{ file: EvidenceFile; created: boolean }> {
  return storeImageFile(db, clock, { ...input, maxBytes: MAX_EVIDENCE_BYTES });
}

/**
 * Who else may read a file than its uploader and ops: a module that cites files (after-sales
 * evidence) answers for the files it cites. Filled at composition (app.ts), so that the file store
 * depends on none of the modules that use it.
 */
export type FileReadGrant = (db: Executor, principal: Principal, fileId: number) => Promise<boolean>;

/**
 * An evidence file's bytes, for those who may see it: its uploader, any ops account, and whoever a
 * grant admits (the parties of an after-sales request whose evidence cites it). Anyone else gets 404,
 * as if it did not exist.
 */
export async function readEvidenceFile(
  db: Executor,
  principal: Principal,
  id: number,
  grants: readonly FileReadGrant[],
): Promise<{ contentType: EvidenceContentType; data: Buffer }> {
  const file = await db
    .selectFrom('evidenceFiles')
    .select(['contentType', 'data', 'uploadedBy'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!file) throw notFound('evidence file', id);
  const mayRead =
    principal.kind === 'ops' ||
    file.uploadedBy === principal.userId ||
    (await anyGrant(grants, (grant) => grant(db, principal, id)));
  if (!mayRead) throw notFound('evidence file', id);
  return { contentType: file.contentType, data: file.data };
}

async function anyGrant(grants: readonly FileReadGrant[], ask: (grant: FileReadGrant) => Promise<boolean>) {
  for (const grant of grants) if (await ask(grant)) return true;
  return false;
}

/**
 * For attaching files to an evidence item: at most MAX_FILES_PER_EVIDENCE, each one an upload of
 * `userId` (a party cannot cite another account's files as its own evidence). 400 on `fileIds`.
 */
export async function requireOwnFiles(
  tx: Executor,
  userId: number,
  fileIds: readonly number[],
): Promise<void> {
  if (fileIds.length > MAX_FILES_PER_EVIDENCE) {
    throw invalidField('fileIds', `at most ${MAX_FILES_PER_EVIDENCE} files per evidence item`);
  }
  const twice = fileIds.find((id, i) => fileIds.indexOf(id) !== i);
  if (twice !== undefined) throw invalidField('fileIds', `file ${twice} is listed twice`);
  if (fileIds.length === 0) return;
  const own = await tx
    .selectFrom('evidenceFiles')
    .select('id')
    .where('id', 'in', fileIds)
    .where('uploadedBy', '=', userId)
    .execute();
  const owned = new Set(own.map((f) => f.id));
  const foreign = fileIds.find((id) => !owned.has(id));
  if (foreign !== undefined) throw invalidField('fileIds', `file ${foreign} is not one of your uploads`);
}
