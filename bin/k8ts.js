#!/usr/bin/env node
// Runs the built CLI (dist/cmd/main.js, made by `npm ci` through the `prepare` script) when it exists; otherwise
// runs the TypeScript sources through tsx. K8TS_FROM_SOURCE=1 forces the sources (development, tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const built = new URL('dist/cmd/main.js', root);

if (existsSync(fileURLToPath(built)) && process.env.K8TS_FROM_SOURCE !== '1') {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('cmd/main.ts', root).href);
}
