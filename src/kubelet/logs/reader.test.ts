import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCriRecord, rfc3339ToNanos } from './cri-record.js';
import { readCriLog, type LogReadOptions } from './reader.js';

let dir: string;
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-logs-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}.123456789Z`;
const LOG = [
  `${T(1)} stdout F one`,
  `${T(2)} stderr F two`,
  `${T(3)} stdout P thr`,
  `${T(4)} stdout P e`,
  `${T(5)} stdout F e!`,
  `${T(6)} stdout F four`,
  'garbage line',
  `${T(7)} stdout F `,
].join('\n') + '\n';

async function logFile(content: string): Promise<string> {
  const path = join(dir, `${n++}.log`);
  await writeFile(path, content);
  return path;
}

async function read(path: string, opts: LogReadOptions): Promise<string> {
  const out: Buffer[] = [];
  await readCriLog(path, opts, (b) => void out.push(b));
  return Buffer.concat(out).toString();
}

test('parseCriRecord reads the four fields and keeps the content as bytes', () => {
  const r = parseCriRecord(Buffer.from(`${T(1)} stderr P héllo world`));
  assert.ok(r, 'a well-formed record parses');
  assert.equal(r.stream, 'stderr');
  assert.equal(r.partial, true);
  assert.equal(r.content.toString(), 'héllo world');
  assert.equal(r.time, T(1));
  assert.equal(parseCriRecord(Buffer.from('nonsense')), undefined);
  assert.equal(parseCriRecord(Buffer.from(`${T(1)} stdin F x`)), undefined);
});

test('rfc3339ToNanos keeps nanoseconds and honours offsets', () => {
  assert.equal(rfc3339ToNanos('1970-01-01T00:00:01.000000002Z'), 1_000_000_002n);
  assert.equal(rfc3339ToNanos('1970-01-01T01:00:01+01:00'), 1_000_000_000n);
  assert.equal(rfc3339ToNanos('yesterday'), undefined);
});

const cases: Array<{ name: string; opts: LogReadOptions; want: string }> = [
  { name: 'all lines, partial records joined, malformed skipped', opts: {}, want: 'one\ntwo\nthree!\nfour\n\n' },
  { name: 'timestamps prefix each line with its first record time', opts: { timestamps: true }, want: `${T(1)} one\n${T(2)} two\n${T(3)} three!\n${T(6)} four\n${T(7)} \n` },
  { name: 'tailLines counts file records', opts: { tailLines: 3 }, want: 'four\n\n' },
  { name: 'tailLines 0 prints nothing', opts: { tailLines: 0 }, want: '' },
  { name: 'tailLines beyond the file prints all', opts: { tailLines: 100 }, want: 'one\ntwo\nthree!\nfour\n\n' },
  { name: 'sinceNs skips older records', opts: { sinceNs: rfc3339ToNanos(T(6))! }, want: 'four\n\n' },
  { name: 'sinceNs compares at nanosecond precision', opts: { sinceNs: rfc3339ToNanos(T(6))! + 1n }, want: '\n' },
  { name: 'limitBytes cuts the output', opts: { limitBytes: 6 }, want: 'one\ntw' },
];
for (const c of cases) {
  test(`readCriLog: ${c.name}`, async () => {
    assert.equal(await read(await logFile(LOG), c.opts), c.want);
  });
}

test('readCriLog: a missing file rejects with ENOENT', async () => {
  await assert.rejects(read(join(dir, 'absent.log'), {}), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
});

test('readCriLog: follow streams appended records and ends when the container stops', async () => {
  const path = await logFile(`${T(1)} stdout F first\n`);
  const out: string[] = [];
  let running = true;
  const done = readCriLog(path, { follow: true }, (b) => void out.push(b.toString()), { isRunning: () => running, pollIntervalMs: 10 });
  await until(() => out.join('') === 'first\n', 'the existing line');
  await appendFile(path, `${T(2)} stdout P sec\n${T(2)} stdout F o`);
  await new Promise((r) => setTimeout(r, 30));
  await appendFile(path, `nd\n${T(3)} stdout F third\n`);
  await until(() => out.join('') === 'first\nsecond\nthird\n', 'appended lines, partial records joined, a half-written record completed');
  await appendFile(path, `${T(4)} stdout F last words\n`);
  running = false;
  await done;
  assert.equal(out.join(''), 'first\nsecond\nthird\nlast words\n', 'lines written before the exit are not lost');
});

test('readCriLog: follow ends promptly when the client goes away', async () => {
  const path = await logFile(`${T(1)} stdout F x\n`);
  const ac = new AbortController();
  const done = readCriLog(path, { follow: true }, () => undefined, { signal: ac.signal, pollIntervalMs: 60_000 });
  setTimeout(() => ac.abort(), 20);
  const t0 = Date.now();
  await done;
  assert.ok(Date.now() - t0 < 5_000, 'abort ends the wait without the 60 s poll');
});

test('readCriLog: follow survives rotation (rename + new file)', async () => {
  const path = await logFile(`${T(1)} stdout F before\n`);
  const out: string[] = [];
  let running = true;
  const done = readCriLog(path, { follow: true }, (b) => void out.push(b.toString()), { isRunning: () => running, pollIntervalMs: 10 });
  await until(() => out.join('') === 'before\n', 'the first line');
  await appendFile(path, `${T(2)} stdout F tail of old\n`);
  await rename(path, `${path}.20260101-000000`);
  await writeFile(path, `${T(3)} stdout F after\n`);
  await until(() => out.join('') === 'before\ntail of old\nafter\n', 'the old file finished, then the new one');
  running = false;
  await done;
});

test('readCriLog: follow with limitBytes ends at the limit', async () => {
  const path = await logFile(`${T(1)} stdout F abc\n`);
  const out: string[] = [];
  const done = readCriLog(path, { follow: true, limitBytes: 6 }, (b) => void out.push(b.toString()), { pollIntervalMs: 10 });
  await appendFile(path, `${T(2)} stdout F defgh\n`);
  await done;
  assert.equal(out.join(''), 'abc\nde');
});

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
