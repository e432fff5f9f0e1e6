// `npm run build -w server`: the server as one ES module (server/dist/cli.mjs), so a production start
// loads one file instead of ~700 TypeScript modules through tsx. Plain JavaScript: it runs before
// anything is compiled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { hashInputs, removeStamp, writeStamp } from './build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverDist = path.join(root, 'server', 'dist');

/** Besides the bundled source files, what changes the bundle: the build itself and the dependencies. */
const BUILD_INPUTS = [
  'server/scripts/build.mjs',
  'server/package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'server/tsconfig.json',
];

// Code that finds files beside its source (migrations, the screening model, the lexicon) keeps
// finding them there: each module's import.meta.url stays its source file's URL in the bundle.
// The bytes read are kept for the stamp's hash.
function sourceLocation(read) {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const bytes = await fs.promises.readFile(args.path);
        read.set(path.relative(root, args.path).split(path.sep).join('/'), bytes);
        const text = bytes.toString('utf8');
        return {
          contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        };
      });
    },
  };
}

/** Bundles server/src/cli.ts (dependencies stay in node_modules) and stamps the build with its inputs. */
export async function buildServer() {
  const started = Date.now();
  removeStamp(serverDist);
  const read = new Map(BUILD_INPUTS.map((file) => [file, fs.readFileSync(path.join(root, file))]));
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['server/src/cli.ts'],
    outfile: path.join(serverDist, 'cli.mjs'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceLocation(read)],
  });
  // esbuild's service process would otherwise live on beside the server `npm start` runs next
  await esbuild.stop();
  const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_INPUTS].sort();
  writeStamp(serverDist, { inputs, hash: hashInputs(root, inputs, read) });
  return { ms: Date.now() - started, files: Object.keys(result.metafile.inputs).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ms, files } = await buildServer();
  console.log(`server built: ${files} files → server/dist/cli.mjs in ${ms} ms`);
}
