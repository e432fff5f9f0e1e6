// `npm start`: builds what changed since the last build (the web apps, the server bundle), then runs
// the server bundle in this process. `--build-only`: build what changed and exit (`npm run build`).
// Plain JavaScript: nothing is compiled before it decides what to compile.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hashInputs, isCurrent, removeStamp, writeStamp } from './build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDist = path.join(root, 'web', 'dist');
const serverDist = path.join(root, 'server', 'dist');

/** What `vite build` reads (web/scripts and the tests are not part of the build). */
export const WEB_INPUTS = [
  'package-lock.json',
  'web/index.html',
  'web/package.json',
  'web/public',
  'web/src',
  'web/tsconfig.json',
  'web/vite.config.ts',
];

function buildWeb() {
  // hashed before building: an edit made during the build makes the next start build again
  const hash = hashInputs(root, WEB_INPUTS);
  removeStamp(webDist);
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`the web build failed (exit ${build.status ?? build.signal})`);
  writeStamp(webDist, { inputs: WEB_INPUTS, hash });
}

async function buildServer() {
  const { buildServer: build } = await import('./build.mjs');
  const { ms, files } = await build();
  console.log(`server built: ${files} files → server/dist/cli.mjs in ${ms} ms`);
}

const buildOnly = process.argv.includes('--build-only');
// XINREN_WEB_DIR names another build (or `off`: no web apps): ours is not needed then.
if (!process.env.XINREN_WEB_DIR && !isCurrent(root, webDist, WEB_INPUTS)) buildWeb();
if (!isCurrent(root, serverDist)) await buildServer();

if (!buildOnly) {
  // stack traces name the TypeScript source lines
  process.setSourceMapsEnabled(true);
  // `npm start -- --role worker`: start's own arguments pass through (cli.ts checks them)
  const startArgs = process.argv.slice(2).filter((arg) => arg !== '--build-only');
  process.argv.splice(1, Infinity, path.join(serverDist, 'cli.mjs'), 'start', ...startArgs);
  await import(pathToFileURL(path.join(serverDist, 'cli.mjs')).href);
}
