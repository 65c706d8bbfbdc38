/**
 * Node health as upstream's tryUpdateNodeHealth sees it. The controller never trusts the kubelet's clock: it
 * remembers, per node, when *it* last saw the Ready condition's heartbeat or the node Lease's renewTime move
 * (the probe timestamp, on the controller's Clock). Once that is older than the grace period (50 s, or 60 s for a
 * node that never posted Ready), every monitored condition becomes Unknown.
 *
 * Worked example: lease renewed at t=0 and t=10 s, then the kubelet dies. The probe timestamp stays at 10 s (when the
 * controller saw the renewal); at t=60 s (10 + 50) the node is still healthy, the first pass after it — t=65 s with
 * the 5 s monitor period — writes Ready=Unknown.
 */
import { nodeCondition, MESSAGE_NEVER_UPDATED, MESSAGE_STATUS_UNKNOWN, MONITORED_CONDITIONS, NODE_MONITOR_GRACE_PERIOD_MS, NODE_STARTUP_GRACE_PERIOD_MS, REASON_NEVER_UPDATED, REASON_STATUS_UNKNOWN, timeString } from './types.js';
import type { LeaseObject, NodeCondition, NodeObject } from './types.js';

interface NodeHealth {
  /** When the controller last saw the node alive (ms on its clock). */
  probeMs: number;
  readyHeartbeat: string | undefined;
  leaseRenewMs: number | undefined;
}

export interface HealthOptions {
  gracePeriodMs?: number;
  startupGracePeriodMs?: number;
}

const renewMs = (l: Readonly<LeaseObject> | undefined): number | undefined => {
  const t = l?.spec?.renewTime;
  return t ? Date.parse(t) : undefined;
};

export class NodeHealthTracker {
  private readonly health = new Map<string, NodeHealth>();

  constructor(private readonly opts: HealthOptions = {}) {}

  /** Records what is seen now; true when the node has been silent for longer than its grace period. */
  observe(node: Readonly<NodeObject>, lease: Readonly<LeaseObject> | undefined, nowMs: number): boolean {
    const name = node.metadata?.name ?? '';
    const heartbeat = nodeCondition(node, 'Ready')?.lastHeartbeatTime;
    const renew = renewMs(lease);
    let h = this.health.get(name);
    if (!h) {
      h = { probeMs: nowMs, readyHeartbeat: heartbeat, leaseRenewMs: renew };
      this.health.set(name, h);
    }
    if (heartbeat !== h.readyHeartbeat) Object.assign(h, { readyHeartbeat: heartbeat, probeMs: nowMs });
    if (renew !== undefined && (h.leaseRenewMs === undefined || renew > h.leaseRenewMs)) Object.assign(h, { leaseRenewMs: renew, probeMs: nowMs });
    return nowMs > h.probeMs + this.gracePeriod(node);
  }

  /** After the controller itself wrote the node's conditions: their heartbeat is not a sign of life. */
  wrote(node: Readonly<NodeObject>): void {
    const h = this.health.get(node.metadata?.name ?? '');
    if (h) h.readyHeartbeat = nodeCondition(node, 'Ready')?.lastHeartbeatTime;
  }

  forget(name: string): void {
    this.health.delete(name);
  }

  known(name: string): boolean {
    return this.health.has(name);
  }

  private gracePeriod(node: Readonly<NodeObject>): number {
    if (!nodeCondition(node, 'Ready')) return this.opts.startupGracePeriodMs ?? NODE_STARTUP_GRACE_PERIOD_MS;
    return this.opts.gracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
  }
}

/**
 * The conditions of a silent node: every monitored condition Unknown (NodeStatusUnknown), missing ones added
 * (NodeStatusNeverUpdated); heartbeats are kept, transition times move only on a change. Undefined when nothing
 * changes.
 */
export function unknownConditions(node: Readonly<NodeObject>, now: Date): NodeCondition[] | undefined {
  const conditions = structuredClone(node.status?.conditions ?? []) as NodeCondition[];
  let changed = false;
  for (const type of MONITORED_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      const created = node.metadata?.creationTimestamp;
      conditions.push({
        type,
        status: 'Unknown',
        reason: REASON_NEVER_UPDATED,
        message: MESSAGE_NEVER_UPDATED,
        ...(created ? { lastHeartbeatTime: created } : {}),
        lastTransitionTime: timeString(now),
      });
      changed = true;
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', reason: REASON_STATUS_UNKNOWN, message: MESSAGE_STATUS_UNKNOWN, lastTransitionTime: timeString(now) });
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}
