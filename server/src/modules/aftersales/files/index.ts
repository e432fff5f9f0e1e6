export { evidenceFileRoutes } from './files.routes.ts';
export {
  type EvidenceFile,
  MAX_EVIDENCE_BYTES,
  MAX_FILES_PER_EVIDENCE,
  readEvidenceFile,
  requireOwnFiles,
  storeEvidenceFile,
} from './files.service.ts';
export { EVIDENCE_CONTENT_TYPES, type EvidenceContentType } from './image-type.rule.ts';
