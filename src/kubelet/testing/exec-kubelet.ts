/**
 * A kubelet as on a real node — its own prober manager and hook runner, no `prober` option — over the fake runtime
 * with a scripted ExecSync (lifecycle/testing.ts), a StubClient and a FakeClock; `advance` steps 100 ms at a time.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { Kubelet } from '../kubelet.js';
import { ExecLogRuntime } from '../lifecycle/testing.js';
import { FakeImageService } from '../runtime/fake/images.js';
import { PODS } from '../status/manager.js';
import type { PodObject } from '../types.js';
import { settle } from './harness.js';
import { StubClient, stubPodSource } from './stub-client.js';

export async function startExecKubelet() {
  const clock = new FakeClock();
  const client = new StubClient(clock);
  const runtime = new ExecLogRuntime(clock, '10.244.8.0/24');
  const recorder = new FakeRecorder();
  const ac = new AbortController();
  const kubelet = new Kubelet({ client, clock, nodeName: 'node-1', runtime, images: new FakeImageService(), podSource: stubPodSource(client), recorder });
  await kubelet.start(ac.signal);
  await settle();
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      clock.step(100);
      await settle();
    }
  };
  const create = async (pod: Pod) => {
    await client.create(PODS, 'default', pod as PodObject);
    await settle();
  };
  const get = (name: string) => client.objects.get(`pods/default/${name}`) as Pod | undefined;
  return { clock, client, runtime, recorder, advance, create, get, stop: () => ac.abort() };
}
