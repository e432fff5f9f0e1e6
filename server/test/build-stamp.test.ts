import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashInputs, isCurrent, readStamp, removeStamp, writeStamp } from '../scripts/build-stamp.mjs';

const INPUTS = ['src', 'index.html', 'public'];

let root: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-stamp-'));
  write('src/main.tsx', 'main');
  write('src/pages/a.tsx', 'a');
  write('index.html', '<html>');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function stampNow() {
  writeStamp(path.join(root, 'dist'), { inputs: INPUTS, hash: hashInputs(root, INPUTS) });
}

describe('build stamp', () => {
  it.each([
    ['nothing changed', () => {}, true],
    ['a source file edited', () => write('src/pages/a.tsx', 'a2'), false],
    ['a source file added', () => write('src/pages/b.tsx', 'b'), false],
    ['a source file deleted', () => fs.rmSync(path.join(root, 'src/pages/a.tsx')), false],
    [
      'a file renamed, same content',
      () => fs.renameSync(path.join(root, 'src/pages/a.tsx'), path.join(root, 'src/pages/c.tsx')),
      false,
    ],
    ['a missing input folder created', () => write('public/favicon.svg', '<svg>'), false],
    ['a named file edited', () => write('index.html', '<html lang="zh">'), false],
    ['a file outside the inputs edited', () => write('README.md', 'docs'), true],
    ['node_modules under an input changed', () => write('src/node_modules/x/index.js', 'x'), true],
    ['the build output rewritten', () => write('dist/index.html', 'built again'), true],
  ])('%s → current: %s', (_what, change, current) => {
    stampNow();
    change();
    expect(isCurrent(root, path.join(root, 'dist'), INPUTS)).toBe(current);
  });

  it('is not current without a stamp, after removeStamp, or when the stamp names other inputs', () => {
    const dist = path.join(root, 'dist');
    expect(isCurrent(root, dist, INPUTS)).toBe(false);
    stampNow();
    expect(isCurrent(root, dist, ['src'])).toBe(false);
    expect(isCurrent(root, dist)).toBe(true);
    removeStamp(dist);
    expect(readStamp(dist)).toBeUndefined();
    expect(isCurrent(root, dist, INPUTS)).toBe(false);
  });

  it('hashes the bytes a build read, not a file edited after it read them', () => {
    const read = new Map([['src/main.tsx', Buffer.from('main')]]);
    write('src/main.tsx', 'edited during the build');
    writeStamp(path.join(root, 'dist'), { inputs: INPUTS, hash: hashInputs(root, INPUTS, read) });
    expect(isCurrent(root, path.join(root, 'dist'), INPUTS)).toBe(false);
  });

  it('ignores an unreadable stamp', () => {
    write('dist/.build-stamp.json', '{ not json');
    expect(readStamp(path.join(root, 'dist'))).toBeUndefined();
  });
});
