import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../machinery/clock/clock.js';
import { DATA_DIR, validatePayloadPath, writeAtomic, type Payload } from './atomic-writer.js';

const clock = () => new FakeClock(new Date('2026-11-22T04:30:05Z'));
const payload = (files: Record<string, string | [string, number]>): Payload =>
  new Map(Object.entries(files).map(([p, v]) => [p, typeof v === 'string' ? { data: Buffer.from(v), mode: 0o644 } : { data: Buffer.from(v[0]), mode: v[1] }]));

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-atomic-'));
  try {
    await fn(join(root, 'vol'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const versions = async (dir: string) => (await readdir(dir)).filter((e) => e.startsWith('..') && e !== DATA_DIR);

test('writeAtomic: a timestamped version, ..data pointing at it, and key -> ..data/key links for top-level names', () =>
  withDir(async (dir) => {
    assert.equal(await writeAtomic(dir, payload({ a: 'A', 'sub/b': ['B', 0o600] }), clock()), true, 'a first write changes the volume');
    const [ts] = await versions(dir);
    assert.match(ts ?? '', /^\.\.2026_11_22_04_30_05\.\w+$/, `version dir named for the UTC time, got ${ts}`);
    assert.equal(await readlink(join(dir, DATA_DIR)), ts);
    assert.equal(await readlink(join(dir, 'a')), '..data/a');
    assert.equal(await readlink(join(dir, 'sub')), '..data/sub');
    assert.equal(await readFile(join(dir, 'sub/b'), 'utf8'), 'B');
    assert.equal((await stat(join(dir, 'sub/b'))).mode & 0o777, 0o600, 'item mode applied despite the umask');
    assert.deepEqual((await readdir(dir)).sort(), [DATA_DIR, ts!, 'a', 'sub'].sort());
  }));

test('writeAtomic: an unchanged payload writes nothing; a changed mode alone is a change', () =>
  withDir(async (dir) => {
    await writeAtomic(dir, payload({ a: 'A' }), clock());
    const before = await readlink(join(dir, DATA_DIR));
    assert.equal(await writeAtomic(dir, payload({ a: 'A' }), clock()), false, 'same payload reports no change');
    assert.equal(await readlink(join(dir, DATA_DIR)), before, 'same version kept');
    assert.equal(await writeAtomic(dir, payload({ a: ['A', 0o400] }), clock()), true, 'mode change is a change');
    assert.notEqual(await readlink(join(dir, DATA_DIR)), before);
  }));

test('writeAtomic: an update switches in one rename — old contents intact until the swap, old version removed after', () =>
  withDir(async (dir) => {
    await writeAtomic(dir, payload({ a: 'v1', b: 'v1', gone: 'v1' }), clock());
    const oldTs = await readlink(join(dir, DATA_DIR));
    let checked = false;
    await writeAtomic(dir, payload({ a: 'v2', b: 'v2', fresh: 'v2' }), clock(), {
      beforeSwap: async (newTs) => {
        for (const k of ['a', 'b', 'gone']) assert.equal(await readFile(join(dir, k), 'utf8'), 'v1', `${k} still reads the old version before the swap`);
        for (const k of ['a', 'b', 'fresh']) assert.equal(await readFile(join(newTs, k), 'utf8'), 'v2', `new version complete before the swap (${k})`);
        checked = true;
      },
    });
    assert.ok(checked, 'the beforeSwap hook ran');
    for (const k of ['a', 'b', 'fresh']) assert.equal(await readFile(join(dir, k), 'utf8'), 'v2', `${k} reads the new version`);
    await assert.rejects(lstat(join(dir, 'gone')), /ENOENT/, 'a removed key loses its link');
    await assert.rejects(lstat(join(dir, oldTs)), /ENOENT/, 'the old version is removed');
    assert.ok((await lstat(join(dir, DATA_DIR))).isSymbolicLink(), '..data stays a symlink');
    assert.equal((await versions(dir)).length, 1, 'exactly one version left');
  }));

test('writeAtomic: readers during many updates never see a missing key or a mixed version', () =>
  withDir(async (dir) => {
    await writeAtomic(dir, payload({ a: '0', b: '0' }), clock());
    let stop = false;
    let reads = 0;
    const problems: string[] = [];
    // Synchronous reads between the writer's steps: a user-visible key must always resolve, and one version's
    // files always agree (a version read through ..data may vanish under us: that read is retried, not wrong).
    const reader = (async () => {
      while (!stop) {
        try {
          readFileSync(join(dir, 'a'));
        } catch (e) {
          problems.push(`key a unreadable: ${(e as Error).message}`);
        }
        try {
          const ts = readlinkSync(join(dir, DATA_DIR));
          const [a, b] = [readFileSync(join(dir, ts, 'a'), 'utf8'), readFileSync(join(dir, ts, 'b'), 'utf8')];
          if (a !== b) problems.push(`mixed version ${ts}: a=${a} b=${b}`);
          reads++;
        } catch {
          // the version was replaced between readlink and read
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 1; i <= 40; i++) await writeAtomic(dir, payload({ a: String(i), b: String(i) }), clock());
    stop = true;
    await reader;
    assert.deepEqual(problems, [], 'no reader ever saw a missing key or a mixed version');
    assert.ok(reads > 0, 'the reader actually read');
    assert.equal(readdirSync(dir).filter((e) => e.startsWith('..')).length, 2, 'only ..data and the last version remain');
  }));

test('writeAtomic: leftovers of a crashed write (a stray version and ..data_tmp) are removed by the next write', () =>
  withDir(async (dir) => {
    await writeAtomic(dir, payload({ a: '1' }), clock());
    const { mkdir, symlink } = await import('node:fs/promises');
    await mkdir(join(dir, '..2020_01_01_00_00_00.stray'));
    await symlink('..2020_01_01_00_00_00.stray', join(dir, '..data_tmp'));
    await writeAtomic(dir, payload({ a: '2' }), clock());
    assert.equal((await versions(dir)).length, 1, `one version left, got ${(await versions(dir)).join(',')}`);
  }));

for (const [path, message] of [
  ['/etc/passwd', "invalid path: must be relative path: /etc/passwd"],
  ['a/../../x', "invalid path: must not contain '..': a/../../x"],
  ['..data', "invalid path: must not start with '..': ..data"],
  ['', 'invalid path: must not be empty'],
] as const) {
  test(`validatePayloadPath rejects ${JSON.stringify(path)}`, () => {
    assert.throws(() => validatePayloadPath(path), { message });
  });
}

test('writeAtomic: an invalid payload leaves the current version untouched', () =>
  withDir(async (dir) => {
    await writeAtomic(dir, payload({ a: '1' }), clock());
    await assert.rejects(writeAtomic(dir, payload({ a: '2', '../x': 'evil' }), clock()), /must not contain '\.\.'/);
    await assert.rejects(writeAtomic(dir, payload({ x: '2', 'x/y': '3' }), clock()), /both a file and a directory/);
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), '1', 'old contents still served');
  }));
