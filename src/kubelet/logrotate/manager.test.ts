import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { FakeClock } from '../../machinery/clock/clock.js';
import type { Container, ContainerFilter, ContainerStatus } from '../runtime/interface.js';
import { ContainerLogManager, type ContainerLogManagerOptions } from './manager.js';

const base = mkdtempSync(join(tmpdir(), 'k8ts-logrotate-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

/** One running container whose log lives in a fresh directory; reopen creates the new empty file, as runtimes do. */
function setup(o: Partial<ContainerLogManagerOptions> = {}) {
  const dir = join(base, String(n++));
  const log = join(dir, '0.log');
  mkdirSync(dir);
  writeFileSync(log, '');
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  const reopened: string[] = [];
  const container = { id: 'c1', state: 'CONTAINER_RUNNING' } as Container;
  const runtime = {
    listContainers: async (f?: ContainerFilter) => [container].filter((c) => !f?.state || c.state === f.state),
    containerStatus: async () => ({ ...container, logPath: log }) as ContainerStatus,
  };
  const reopen = async (id: string) => {
    reopened.push(id);
    writeFileSync(log, '');
  };
  const m = new ContainerLogManager({ runtime, reopen, clock, maxSizeBytes: 100, maxFiles: 3, ...o });
  return { dir, log, clock, m, reopened, container, files: () => readdirSync(dir).sort() };
}
const line = (i: number) => `2026-01-01T00:00:00.000000000Z stdout F line ${i} ${'x'.repeat(100)}\n`;

test('a log under the size limit is left alone', async () => {
  const { m, log, files, reopened } = setup();
  writeFileSync(log, 'short\n');
  assert.deepEqual(await m.rotateAll(), []);
  assert.deepEqual(files(), ['0.log']);
  assert.deepEqual(reopened, []);
});

test('rotation: rename + reopen, older files gzipped, at most maxFiles kept', async () => {
  const { m, log, files, reopened, clock, dir } = setup();
  appendFileSync(log, line(1));
  assert.deepEqual(await m.rotateAll(), ['c1']);
  assert.deepEqual(files(), ['0.log', '0.log.20260101-000000']);
  assert.equal(readFileSync(log, 'utf8'), '', 'the runtime reopened a new file');

  clock.step(1000);
  appendFileSync(log, line(2));
  await m.rotateAll();
  assert.deepEqual(files(), ['0.log', '0.log.20260101-000000.gz', '0.log.20260101-000001']);
  assert.equal(gunzipSync(readFileSync(join(dir, '0.log.20260101-000000.gz'))).toString(), line(1), 'gzip keeps the content');

  clock.step(1000);
  appendFileSync(log, line(3));
  await m.rotateAll();
  assert.deepEqual(files(), ['0.log', '0.log.20260101-000001.gz', '0.log.20260101-000002'], 'three files at most: the oldest went');
  assert.deepEqual(reopened, ['c1', 'c1', 'c1']);
});

test('compress: false keeps rotated files as they are', async () => {
  const { m, log, files, clock } = setup({ compress: false });
  for (let i = 0; i < 2; i++) {
    appendFileSync(log, line(i));
    await m.rotateAll();
    clock.step(1000);
  }
  assert.deepEqual(files(), ['0.log', '0.log.20260101-000000', '0.log.20260101-000001']);
});

test('a failed reopen undoes the rename: the log keeps its name and content', async () => {
  const { m, log, files } = setup({ reopen: async () => Promise.reject(new Error('Unimplemented')) });
  appendFileSync(log, line(1));
  assert.deepEqual(await m.rotateAll(), [], 'reported as not rotated');
  assert.deepEqual(files(), ['0.log']);
  assert.equal(readFileSync(log, 'utf8'), line(1));
});

test('leftovers of an interrupted rotation are removed first', async () => {
  const { m, log, files, dir } = setup();
  writeFileSync(join(dir, '0.log.20251231-000000'), 'orig');
  writeFileSync(join(dir, '0.log.20251231-000000.gz'), 'gz');
  writeFileSync(join(dir, '0.log.20251231-000001.gz.tmp'), 'partial');
  appendFileSync(log, line(1));
  await m.rotateAll();
  assert.deepEqual(files(), ['0.log', '0.log.20251231-000000.gz', '0.log.20260101-000000']);
});

test('only running containers are looked at', async () => {
  const { m, log, container, reopened } = setup();
  container.state = 'CONTAINER_EXITED';
  appendFileSync(log, line(1));
  assert.deepEqual(await m.rotateAll(), []);
  assert.deepEqual(reopened, []);
});

test('options are validated', () => {
  assert.throws(() => setup({ maxFiles: 1 }), /at least 2/);
  assert.throws(() => setup({ maxSizeBytes: 0 }), /must be positive/);
});
