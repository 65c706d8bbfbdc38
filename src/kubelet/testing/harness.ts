/**
 * A hollow node on a FakeClock and a StubClient, for tests: `advance` steps the clock in ticks and lets the
 * promise chains the timers started finish between ticks (no real waiting anywhere).
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { createHollowNode, type HollowNode, type HollowNodeOptions } from '../hollow/node.js';
import { PODS } from '../status/manager.js';
import type { PodObject } from '../types.js';
import { StubClient, stubPodSource } from './stub-client.js';

export const NODE = 'node-1';

/** Runs every pending microtask and the tasks they queue (no timers: the fake clock owns time). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

export class Harness {
  readonly clock = new FakeClock();
  readonly client = new StubClient(this.clock);
  readonly source = stubPodSource(this.client);
  readonly node: HollowNode;
  private readonly ac = new AbortController();

  constructor(opts: Partial<HollowNodeOptions> = {}) {
    this.node = createHollowNode({ client: this.client, clock: this.clock, name: NODE, podSource: this.source, podCIDR: '10.244.7.0/24', ...opts });
  }

  async start(): Promise<void> {
    await this.node.start(this.ac.signal);
    await settle();
  }

  stop(): void {
    this.ac.abort();
  }

  async advance(ms: number, tickMs = 100): Promise<void> {
    await settle();
    for (let t = 0; t < ms; t += tickMs) {
      this.clock.step(Math.min(tickMs, ms - t));
      await settle();
    }
    await settle();
  }

  async createPod(name: string, spec: Partial<PodSpec>, annotations: Record<string, string> = {}): Promise<void> {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', annotations },
      spec: { nodeName: NODE, containers: [{ name: 'c', image: 'nginx' }], ...spec },
      status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: this.clock.now().toISOString() }] },
    };
    await this.client.create(PODS, 'default', pod as PodObject);
    await settle();
  }

  async deletePod(name: string, gracePeriodSeconds?: number): Promise<void> {
    await this.client.delete(PODS, 'default', name, gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds });
    await settle();
  }

  pod(name: string): Pod | undefined {
    return this.client.objects.get(`pods/default/${name}`) as Pod | undefined;
  }
}
