/**
 * `kubectl get pods` columns, as upstream's printPod: READY counts ready regular containers (plus started
 * restartable init containers, i.e. sidecars), STATUS is the reason kubectl users know (Init:0/1, ContainerCreating,
 * CrashLoopBackOff, Completed, Terminating, …) and RESTARTS carries the age of the last restart ("5 (3m ago)").
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { translateTimestampSince } from '../../../machinery/meta/timestamp.js';
import { d } from './table-descriptions.js';

interface Summary {
  reason: string;
  ready: number;
  total: number;
  restarts: number;
  /** Epoch ms of the latest restart (a container's last termination), 0 if none. */
  lastRestart: number;
}

const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';
const conditionTrue = (conds: PodCondition[] | undefined, type: string): boolean =>
  (conds ?? []).some((c) => c.type === type && c.status === 'True');

function lastTermination(cs: ContainerStatus): number {
  const at = cs.lastState?.terminated?.finishedAt;
  const ms = at ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

function initialReason(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || '';
  if ((pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  return reason;
}

/** The reason an init container blocks the pod, or undefined when it is done (or a started sidecar). */
function initBlockReason(cs: ContainerStatus, index: number, count: number, sidecar: boolean): string | undefined {
  const term = cs.state?.terminated;
  if (term && term.exitCode === 0) return undefined;
  if (sidecar && cs.started) return undefined;
  if (term) {
    if (term.reason) return `Init:${term.reason}`;
    return term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
  }
  const waiting = cs.state?.waiting?.reason;
  if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
  return `Init:${index}/${count}`;
}

/** Walks init container statuses; returns whether the pod is still initializing. */
function summarizeInit(pod: Pod, s: Summary, sidecarTotals: { restarts: number; last: number }): boolean {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const cs = statuses[i]!;
    const sidecar = isSidecar(specs.get(cs.name));
    s.restarts += cs.restartCount ?? 0;
    s.lastRestart = Math.max(s.lastRestart, lastTermination(cs));
    if (sidecar) {
      sidecarTotals.restarts += cs.restartCount ?? 0;
      sidecarTotals.last = Math.max(sidecarTotals.last, lastTermination(cs));
      if (cs.started && cs.ready) s.ready++;
    }
    const blocked = initBlockReason(cs, i, specs.size, sidecar);
    if (blocked !== undefined) {
      s.reason = blocked;
      return true;
    }
  }
  return false;
}

/** The main containers, walked last-to-first so the first container's state wins the reason (as upstream). */
function summarizeContainers(pod: Pod, s: Summary): void {
  let hasRunning = false;
  const statuses = pod.status?.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const cs = statuses[i]!;
    s.restarts += cs.restartCount ?? 0;
    s.lastRestart = Math.max(s.lastRestart, lastTermination(cs));
    const term = cs.state?.terminated;
    if (cs.state?.waiting?.reason) s.reason = cs.state.waiting.reason;
    else if (term?.reason) s.reason = term.reason;
    else if (term) s.reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
    else if (cs.ready && cs.state?.running) {
      hasRunning = true;
      s.ready++;
    }
  }
  if (s.reason === 'Completed' && hasRunning) {
    s.reason = conditionTrue(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
}

export function summarizePod(pod: Pod): Summary {
  const initContainers = pod.spec?.initContainers ?? [];
  const total = (pod.spec?.containers ?? []).length + initContainers.filter(isSidecar).length;
  const s: Summary = { reason: initialReason(pod), ready: 0, total, restarts: 0, lastRestart: 0 };
  const sidecars = { restarts: 0, last: 0 };
  const initializing = summarizeInit(pod, s, sidecars);
  if (!initializing || conditionTrue(pod.status?.conditions, 'Initialized')) {
    s.restarts = sidecars.restarts;
    s.lastRestart = sidecars.last;
    summarizeContainers(pod, s);
  }
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') s.reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') s.reason = 'Terminating';
  return s;
}

function restartsCell(s: Summary, now: Date): string {
  if (s.restarts === 0 || s.lastRestart === 0) return String(s.restarts);
  return `${s.restarts} (${translateTimestampSince(new Date(s.lastRestart), now)} ago)`;
}

function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conds = pod.status?.conditions ?? [];
  const ok = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ok}/${gates.length}`;
}

export const podTable: TableConvertor<Pod> = {
  columns: [
    nameColumn,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn,
    wide('IP', d('PodStatus.podIP')),
    wide('Node', d('PodSpec.nodeName')),
    wide('Nominated Node', d('PodStatus.nominatedNodeName')),
    wide('Readiness Gates', d('PodSpec.readinessGates')),
  ],
  cells(pod, now) {
    const s = summarizePod(pod);
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    return [
      nameOf(pod),
      `${s.ready}/${s.total}`,
      s.reason,
      restartsCell(s, now),
      ageOf(pod, now),
      ip,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGatesCell(pod),
    ];
  },
};
