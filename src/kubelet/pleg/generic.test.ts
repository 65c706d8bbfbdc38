import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import { startGenericPLEG } from './generic.js';

test('the generic PLEG kicks the pods whose containers changed, once per change', async () => {
  const clock = new FakeClock();
  const rt = new FakeRuntime({ clock, podCIDR: '10.244.0.0/24' });
  const kicks: string[] = [];
  const ac = new AbortController();
  startGenericPLEG(rt, clock, 1000, ac.signal, (uid) => kicks.push(uid));
  const flush = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  };
  const sid = await rt.runPodSandbox({ metadata: { name: 'p', uid: 'u1', namespace: 'ns', attempt: 0 }, labels: {}, annotations: {} });
  const cid = await rt.createContainer(sid, { metadata: { name: 'c', attempt: 0 }, image: { image: 'x' }, command: [], args: [], envs: [], labels: {}, annotations: {} });
  clock.step(1000);
  await flush();
  assert.deepEqual(kicks, ['u1']);
  clock.step(1000);
  await flush();
  assert.deepEqual(kicks, ['u1'], 'no change, no kick');
  await rt.startContainer(cid);
  clock.step(1000);
  await flush();
  assert.deepEqual(kicks, ['u1', 'u1']);
  ac.abort();
});
