import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'kubernetes-types/core/v1.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { nopLogger } from '../../machinery/log/logger.js';
import { StubClient } from '../testing/stub-client.js';
import { defaultNodeConfig } from './node.js';
import type { NodePressure } from './pressure.js';
import { NodeStatusUpdater } from './updater.js';

const memoryStatus = (c: StubClient) => (c.objects.get('nodes//n1') as Node).status!.conditions!.find((x) => x.type === 'MemoryPressure')!;

test('NodeStatusUpdater: the pressure probe feeds the conditions; a failing probe keeps the last answer', async () => {
  const clock = new FakeClock();
  const client = new StubClient(clock);
  let answer: NodePressure | Error = { memory: true, disk: false, pid: false };
  const u = new NodeStatusUpdater({
    client,
    clock,
    config: defaultNodeConfig('n1'),
    runtimeVersion: 'fake://1',
    logger: nopLogger,
    updateMs: 10_000,
    reportMs: 300_000,
    pressure: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  await u.register(new AbortController().signal);
  assert.equal(memoryStatus(client).status, 'True', 'registered with pressure');
  answer = { memory: false, disk: false, pid: false };
  clock.step(10_000);
  await u.sync();
  assert.equal(memoryStatus(client).reason, 'KubeletHasSufficientMemory', 'released at the next tick');
  answer = new Error('statfs failed');
  await u.sync();
  assert.equal(memoryStatus(client).status, 'False', 'kept');
});
