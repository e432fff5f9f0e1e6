/** The image types evidence may be: what a phone camera or a screenshot produces. */
export const EVIDENCE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type the bytes actually are, read from their magic bytes, or null when they are none of
 * the accepted types. The declared Content-Type alone is not trusted: the file is served back to
 * other parties with it.
 */
export function sniffImageType(bytes: Uint8Array): EvidenceContentType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  // RIFF container: 'RIFF', 4 bytes of length, then the form type 'WEBP'.
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/** `image/PNG; charset=x` → `image/png`; undefined when no Content-Type was sent. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

export function isEvidenceContentType(type: string | undefined): type is EvidenceContentType {
  return (EVIDENCE_CONTENT_TYPES as readonly (string | undefined)[]).includes(type);
}
