export { evidenceFileRoutes } from './files.routes.ts';
export {
  checkImageUpload,
  type EvidenceFile,
  type FileReadGrant,
  MAX_EVIDENCE_BYTES,
  MAX_FILES_PER_EVIDENCE,
  readEvidenceFile,
  readStoredFile,
  requireOwnFiles,
  storeEvidenceFile,
  storeImageFile,
} from './files.service.ts';
export { EVIDENCE_CONTENT_TYPES, type EvidenceContentType, mediaTypeOf } from './image-type.rule.ts';
