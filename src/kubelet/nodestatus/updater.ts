/**
 * Registration and the NodeStatus loop (upstream's registerWithAPIServer and updateNodeStatus): register once
 * (retrying with backoff), then every `updateMs` (10 s) compute the status and write it only when it changed or
 * when `reportMs` (5 min, nodeStatusReportFrequency) passed since the last report — the Lease is the heartbeat.
 */
import { catalogEntry } from '../../api/catalog.js';
import type { Client, ResourceRef } from '../../client/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { isAlreadyExistsStatus, isConflictStatus } from '../../machinery/errors/status.js';
import type { Logger } from '../../machinery/log/logger.js';
import { retry, runEvery } from '../loop.js';
import type { NodeConfig, NodeObject } from '../types.js';
import { initialNode, nodeStatus, nodeStatusChanged } from './node.js';
import { NO_PRESSURE, type NodePressure } from './pressure.js';

export const NODES: ResourceRef = catalogEntry('', 'nodes')!;

export interface NodeStatusUpdaterOptions {
  client: Client;
  clock: Clock;
  config: NodeConfig;
  runtimeVersion: string;
  logger: Logger;
  updateMs: number;
  reportMs: number;
  nodeLister?: (name: string) => Readonly<NodeObject> | undefined;
  /**
   * Asked once per status period (a real node's PressureMonitor.probe); a rejection is logged and the last answer
   * kept. Absent (hollow nodes): never any pressure.
   */
  pressure?: () => Promise<NodePressure>;
}

export class NodeStatusUpdater {
  private last?: NodeObject;
  private lastReport = -Infinity;
  private pressure: NodePressure = NO_PRESSURE;

  constructor(private readonly o: NodeStatusUpdaterOptions) {}

  /** Registers the node (or adopts an existing one); resolves with it, or undefined if aborted. */
  async register(signal: AbortSignal): Promise<NodeObject | undefined> {
    const node = await retry(this.o.clock, signal, () => this.tryRegister(), (e) =>
      this.o.logger.warn('Unable to register node with API server', { node: this.o.config.name, err: String(e) }),
    );
    if (node) this.o.logger.info('Successfully registered node', { node: this.o.config.name });
    return node;
  }

  start(signal: AbortSignal): void {
    runEvery(this.o.clock, this.o.updateMs, signal, () => this.sync().catch((e) =>
      this.o.logger.warn('Error updating node status, will retry', { node: this.o.config.name, err: String(e) }),
    ));
  }

  /** One status tick; exported for tests. */
  async sync(): Promise<void> {
    await this.probePressure();
    const now = this.o.clock.now();
    const actual = this.o.nodeLister?.(this.o.config.name) ?? this.last;
    if (!actual) return;
    const desired = nodeStatus(this.o.config, this.o.runtimeVersion, now, actual.status, this.pressure);
    const due = now.getTime() - this.lastReport >= this.o.reportMs;
    if (!due && !nodeStatusChanged(actual.status, desired)) return;
    await this.write(actual);
  }

  private async tryRegister(): Promise<NodeObject> {
    const { client, clock, config, runtimeVersion } = this.o;
    await this.probePressure();
    try {
      const node = await client.create<NodeObject>(NODES, '', initialNode(config, runtimeVersion, clock.now(), this.pressure) as NodeObject);
      this.remember(node);
      return node;
    } catch (e) {
      if (!isAlreadyExistsStatus(e)) throw e;
      const existing = await client.get<NodeObject>(NODES, '', config.name);
      await this.write(existing);
      return this.last!;
    }
  }

  /** PUT nodes/status from `base`; on a conflict, once more from a fresh GET. */
  private async write(base: Readonly<NodeObject>): Promise<void> {
    const { client, clock, config, runtimeVersion } = this.o;
    for (let attempt = 0; ; attempt++) {
      const cur = attempt === 0 ? base : await client.get<NodeObject>(NODES, '', config.name);
      const status = nodeStatus(config, runtimeVersion, clock.now(), cur.status, this.pressure);
      try {
        this.remember(await client.update<NodeObject>(NODES, '', { ...structuredClone(cur), status }, { subresource: 'status' }));
        return;
      } catch (e) {
        if (!isConflictStatus(e) || attempt >= 2) throw e;
      }
    }
  }

  private async probePressure(): Promise<void> {
    if (!this.o.pressure) return;
    try {
      this.pressure = await this.o.pressure();
    } catch (e) {
      this.o.logger.warn('Failed to observe node pressure, keeping the last observation', { node: this.o.config.name, err: String(e) });
    }
  }

  private remember(node: NodeObject): void {
    this.last = node;
    this.lastReport = this.o.clock.now().getTime();
  }
}
