// Plain JavaScript (no build step): `npm start` reads these stamps before anything is compiled.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const STAMP_FILE = '.build-stamp.json';

/** Folders never walked into when an input names a folder. */
const SKIPPED = new Set(['node_modules', 'dist', '.git']);

function filesUnder(root, relative, out) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    out.push({ relative, missing: true });
    return;
  }
  if (!stat.isDirectory()) {
    out.push({ relative, missing: false });
    return;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    filesUnder(root, path.join(relative, entry.name), out);
  }
}

/**
 * The content hash of a build's inputs: each file named, and each file under each folder named, by
 * its path relative to `root` (with `/`) and its bytes, in path order. A missing input counts as
 * missing, so deleting a file changes the hash as editing it does. `read` gives the bytes a build
 * already read (so a file edited during the build does not pass for built).
 */
export function hashInputs(root, inputs, read = new Map()) {
  const files = [];
  for (const input of inputs) filesUnder(root, input, files);
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of files) {
    const name = file.relative.split(path.sep).join('/');
    const bytes =
      read.get(name) ?? (file.missing ? undefined : fs.readFileSync(path.join(root, file.relative)));
    hash.update(name);
    hash.update(bytes === undefined ? '\0missing\0' : '\0file\0');
    if (bytes !== undefined) hash.update(bytes);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stamp a build left in its output folder, or undefined (never built, or a build that failed). */
export function readStamp(outDir) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE), 'utf8'));
    if (typeof stamp?.hash === 'string' && Array.isArray(stamp.inputs)) return stamp;
  } catch {
    // no stamp or an unreadable one: the build is not known to be current
  }
  return undefined;
}

/** Written after a build succeeded: the inputs it read and their hash at the time. */
export function writeStamp(outDir, stamp) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, STAMP_FILE);
  fs.writeFileSync(`${file}.${process.pid}`, `${JSON.stringify(stamp)}\n`);
  fs.renameSync(`${file}.${process.pid}`, file);
}

/** Removed before a build starts, so an interrupted build is never taken for a current one. */
export function removeStamp(outDir) {
  fs.rmSync(path.join(outDir, STAMP_FILE), { force: true });
}

/**
 * Whether the build in `outDir` was made from the inputs as they are now: its stamp names the same
 * inputs (`inputs`, or when omitted the ones the stamp lists) and their content hash is unchanged.
 */
export function isCurrent(root, outDir, inputs) {
  const stamp = readStamp(outDir);
  if (!stamp) return false;
  if (inputs && JSON.stringify(stamp.inputs) !== JSON.stringify(inputs)) return false;
  return hashInputs(root, stamp.inputs) === stamp.hash;
}
