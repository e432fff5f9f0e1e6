// Builds the publishable package into sdk/dist: JavaScript (ES modules) and declarations compiled from
// src, the generated schema types, the README, and a package.json whose entry points are the compiled
// files. Publish it with `npm publish sdk/dist`. (In this repository the workspace package points at
// the TypeScript sources, so the server's tests, the example and the web app use them unbuilt.)
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(sdk, 'dist');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: sdk,
  stdio: 'inherit',
});
// declaration files are not emitted by tsc: the generated types go as they are
copyFileSync(path.join(sdk, 'src/schema.d.ts'), path.join(dist, 'schema.d.ts'));
// …and are imported as `./schema.js`, which every TypeScript configuration resolves (a `.d.ts` path needs
// allowImportingTsExtensions)
for (const file of readdirSync(dist).filter((f) => f.endsWith('.d.ts') && f !== 'schema.d.ts')) {
  const target = path.join(dist, file);
  writeFileSync(target, readFileSync(target, 'utf8').replaceAll("'./schema.d.ts'", "'./schema.js'"));
}
copyFileSync(path.join(sdk, 'README.md'), path.join(dist, 'README.md'));

const source = JSON.parse(readFileSync(path.join(sdk, 'package.json'), 'utf8'));
const published = {
  name: source.name,
  version: source.version,
  description: source.description,
  license: source.license,
  type: 'module',
  engines: { node: '>=20.10' },
  main: './index.js',
  types: './index.d.ts',
  exports: { '.': { types: './index.d.ts', default: './index.js' } },
  sideEffects: false,
  dependencies: source.dependencies,
  keywords: ['xinren', 'live-commerce', 'openapi', 'sdk', 'webhooks', 'standard-webhooks'],
};
writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
console.log(`built ${path.relative(process.cwd(), dist)} (${published.name}@${published.version})`);
