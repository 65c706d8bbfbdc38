/**
 * The pod conditions the kubelet owns (upstream's pkg/kubelet/status/generate.go), in upstream's order:
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled. lastTransitionTime is kept from the
 * API's condition while the status is unchanged (the status manager's updateLastTransitionTime).
 */
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js';

export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

type Cond = Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;

export interface ConditionInputs {
  phase: string;
  sandboxReady: boolean;
  initStatuses: readonly ContainerStatus[];
  statuses: readonly ContainerStatus[];
}

export function podConditions(pod: Readonly<Pod>, inp: ConditionInputs, now: string): PodCondition[] {
  const containersReady = containersReadyCondition(inp);
  const own: Cond[] = [
    { type: 'PodReadyToStartContainers', status: inp.sandboxReady ? 'True' : 'False' },
    initializedCondition(pod, inp),
    readyCondition(pod, containersReady),
    containersReady,
    { type: 'PodScheduled', status: 'True' },
  ];
  const old = pod.status?.conditions ?? [];
  const withTimes = own.map((c): PodCondition => {
    const prev = old.find((o) => o.type === c.type);
    const keep = prev && prev.status === c.status && prev.lastTransitionTime;
    return { ...c, lastTransitionTime: keep ? prev.lastTransitionTime : now };
  });
  return [...withTimes, ...old.filter((o) => !KUBELET_CONDITIONS.includes(o.type))];
}

function initializedCondition(pod: Readonly<Pod>, inp: ConditionInputs): Cond {
  const incomplete = inp.initStatuses.filter((s) => s.state?.terminated?.exitCode !== 0).map((s) => s.name);
  if (inp.phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const appStarted = inp.statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (incomplete.length === 0 || appStarted || !pod.spec?.initContainers?.length) return { type: 'Initialized', status: 'True' };
  return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` };
}

function containersReadyCondition(inp: ConditionInputs): Cond {
  if (inp.phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  const unready = inp.statuses.filter((s) => !s.ready).map((s) => s.name);
  if (unready.length === 0) return { type: 'ContainersReady', status: 'True' };
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
}

function readyCondition(pod: Readonly<Pod>, containersReady: Cond): Cond {
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const problems: string[] = [];
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = pod.status?.conditions?.find((x) => x.type === g.conditionType);
    if (!c) problems.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True') problems.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  if (problems.length === 0) return { type: 'Ready', status: 'True' };
  return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: problems.join(', ') };
}
