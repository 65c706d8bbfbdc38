/**
 * Pods held at Permit (upstream's waitingPod / waitingPodsMap). A pod waits for every plugin that returned Wait:
 * each must allow it (through Handle.getWaitingPod(uid).allow(name)) before its own timeout; one rejection or one
 * timeout rejects the pod ("rejected due to timeout after waiting 10s at plugin Coscheduling"). The map is shared
 * by every profile of a scheduler, so a plugin can release a pod that another profile placed.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import type { WaitingPod } from '../framework/interface.js';
import { Status } from '../framework/status.js';
import type { P } from '../framework/types.js';

/** Upstream caps a plugin's Permit wait at 15 minutes. */
export const MAX_PERMIT_WAIT_MS = 15 * 60 * 1000;

/** A Go-style duration for messages: 10s, 1.5s, 250ms, 15m0s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return m >= 60 ? `${Math.floor(m / 60)}h${m % 60}m${s}s` : `${m}m${s}s`;
}

export class WaitingPodImpl implements WaitingPod {
  /** Resolves once every waiting plugin allowed the pod (Success) or one rejected it (Unschedulable). */
  readonly result: Promise<Status>;
  private readonly pending = new Map<string, { cancel(): void }>();
  private settle!: (s: Status) => void;
  private settled = false;

  constructor(
    readonly pod: P,
    waits: ReadonlyMap<string, number>,
    clock: Clock,
  ) {
    this.result = new Promise((resolve) => (this.settle = resolve));
    for (const [plugin, ms] of waits) {
      const timer = clock.setTimeout(() => this.reject(plugin, `rejected due to timeout after waiting ${formatDuration(ms)} at plugin ${plugin}`), ms);
      this.pending.set(plugin, timer);
    }
  }

  /** The plugins that have not allowed the pod yet. */
  pendingPlugins(): string[] {
    return [...this.pending.keys()];
  }

  allow(pluginName: string): void {
    if (this.settled) return;
    this.pending.get(pluginName)?.cancel();
    this.pending.delete(pluginName);
    if (this.pending.size === 0) this.finish(Status.success());
  }

  reject(pluginName: string, msg: string): void {
    if (this.settled) return;
    for (const t of this.pending.values()) t.cancel();
    this.pending.clear();
    this.finish(Status.unschedulable(msg).withPlugin(pluginName));
  }

  private finish(s: Status): void {
    this.settled = true;
    this.settle(s);
  }
}

export class WaitingPodsMap {
  private readonly pods = new Map<string, WaitingPodImpl>();

  add(uid: string, wp: WaitingPodImpl): void {
    this.pods.set(uid, wp);
  }

  get(uid: string): WaitingPodImpl | undefined {
    return this.pods.get(uid);
  }

  remove(uid: string): void {
    this.pods.delete(uid);
  }

  get size(): number {
    return this.pods.size;
  }

  forEach(fn: (wp: WaitingPodImpl) => void): void {
    for (const wp of this.pods.values()) fn(wp);
  }
}
