import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync, constants } from 'node:zlib';
import { FLAG_FIN, FrameParser, PING, SYN_STREAM, controlFrame, dataFrame, synStreamFrame } from './frames.js';
import { HeaderCompressor, encodeHeaderBlock } from './header-block.js';

test('frames split across chunks parse once complete, data and control alike', () => {
  const bytes = Buffer.concat([dataFrame(3, Buffer.from('hello'), true), controlFrame(PING, 0, Buffer.from([0, 0, 0, 7]))]);
  const p = new FrameParser();
  assert.deepEqual(p.push(bytes.subarray(0, 10)), []);
  const frames = p.push(bytes.subarray(10));
  assert.equal(frames.length, 2);
  const [d, c] = frames;
  assert.ok(d && !d.control, 'a data frame first');
  assert.equal(d.streamId, 3);
  assert.equal(d.flags, FLAG_FIN);
  assert.equal(d.data.toString(), 'hello');
  assert.ok(c && c.control, 'then a control frame');
  assert.equal(c.type, PING);
  assert.deepEqual([...c.payload], [0, 0, 0, 7]);
});

test('SYN_STREAM carries the stream id and a header block that inflates without a dictionary', async () => {
  const z = new HeaderCompressor();
  const first = await z.compress(encodeHeaderBlock([['streamtype', 'error']]));
  const second = await z.compress(encodeHeaderBlock([['StreamType', 'stdin']]));
  z.close();
  const [syn] = new FrameParser().push(synStreamFrame(5, first));
  assert.ok(syn && syn.control && syn.type === SYN_STREAM, 'a SYN_STREAM control frame');
  assert.equal(syn.payload.readUInt32BE(0), 5);
  // One zlib stream for the connection: both blocks inflate in sequence.
  const plain = inflateSync(Buffer.concat([first, second]), { finishFlush: constants.Z_SYNC_FLUSH });
  assert.deepEqual(plain, Buffer.concat([encodeHeaderBlock([['streamtype', 'error']]), encodeHeaderBlock([['streamtype', 'stdin']])]));
});
