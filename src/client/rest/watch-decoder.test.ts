import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PassThrough, Readable } from 'node:stream';
import { decodeWatchStream } from './watch-decoder.js';

async function collect(chunks: Array<string | Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const ev of decodeWatchStream(Readable.from(chunks))) out.push(`${ev.type} ${(ev.object as { n: string }).n}`);
  return out;
}

const line = (type: string, n: string) => `${JSON.stringify({ type, object: { n } })}\n`;

const cases: Array<{ name: string; chunks: Array<string | Buffer>; want: string[] }> = [
  { name: 'one event per chunk', chunks: [line('ADDED', 'a'), line('DELETED', 'a')], want: ['ADDED a', 'DELETED a'] },
  { name: 'several events in one chunk', chunks: [line('ADDED', 'a') + line('MODIFIED', 'a') + line('BOOKMARK', 'b')], want: ['ADDED a', 'MODIFIED a', 'BOOKMARK b'] },
  { name: 'an event split across chunks', chunks: (() => { const l = line('ADDED', 'split'); return [l.slice(0, 7), l.slice(7, 20), l.slice(20)]; })(), want: ['ADDED split'] },
  { name: 'a multi-byte character split across buffers', chunks: (() => { const b = Buffer.from(line('ADDED', 'é€')); return [b.subarray(0, 31), b.subarray(31)]; })(), want: ['ADDED é€'] },
  { name: 'blank lines are skipped; a last line without newline counts', chunks: ['\n\n', line('ADDED', 'x'), JSON.stringify({ type: 'ERROR', object: { n: 'e' } })], want: ['ADDED x', 'ERROR e'] },
  { name: 'an empty stream yields nothing', chunks: [], want: [] },
];
for (const c of cases) test(c.name, async () => assert.deepEqual(await collect(c.chunks), c.want));

test('a malformed line throws', async () => {
  await assert.rejects(collect([line('ADDED', 'a'), '{not json\n']), /malformed event/);
});

test('a line that is not an event throws', async () => {
  await assert.rejects(collect(['{"type":"EXPLODED","object":{}}\n']), /not a watch event/);
});

test('abort ends the iteration without error and destroys the body', async () => {
  const body = new PassThrough();
  const ac = new AbortController();
  const it = decodeWatchStream(body, ac.signal);
  body.write(line('ADDED', 'a'));
  assert.equal((await it.next()).value?.type, 'ADDED');
  const pending = it.next();
  ac.abort();
  body.destroy(new Error('aborted'));
  assert.deepEqual(await pending, { value: undefined, done: true });
  assert.equal(body.destroyed, true);
});

test('a transport error without abort is thrown', async () => {
  const body = new PassThrough();
  const it = decodeWatchStream(body);
  const pending = it.next();
  body.destroy(new Error('connection reset'));
  await assert.rejects(pending, /connection reset/);
});

test('events already received are not yielded after the abort', async () => {
  const body = new PassThrough();
  const ac = new AbortController();
  const it = decodeWatchStream(body, ac.signal);
  body.write(line('ADDED', 'a') + line('MODIFIED', 'a'));
  assert.equal((await it.next()).value?.type, 'ADDED');
  ac.abort();
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});
