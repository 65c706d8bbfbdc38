/**
 * Test helpers of the prober: a hand-built runtime view of one pod (one ready sandbox, containers by name) and a
 * scripted probe runner that records when each probe ran and answers from a script.
 */
import type { Pod, Probe } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { PodRuntimeState } from '../pod/runtime-state.js';
import type { ContainerStatus } from '../runtime/interface.js';
import type { ProbeOutcome, ProbeResult, ProbeRunner, ProbeTarget } from './types.js';

export const SANDBOX_ID = 'sandbox-1';
export const POD_IP = '10.244.0.5';

export interface SeenContainer {
  name: string;
  id: string;
  running?: boolean;
  startedAt?: number;
  attempt?: number;
}

export function runtimeState(containers: readonly SeenContainer[]): PodRuntimeState {
  const byName = new Map<string, ContainerStatus[]>();
  for (const c of containers) {
    const running = c.running ?? true;
    byName.set(c.name, [{
      id: c.id,
      podSandboxId: SANDBOX_ID,
      metadata: { name: c.name, attempt: c.attempt ?? 0 },
      image: { image: 'busybox' },
      imageRef: 'busybox',
      state: running ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
      createdAt: 0,
      startedAt: c.startedAt ?? 0,
      finishedAt: running ? 0 : 1,
      exitCode: running ? 0 : 137,
      reason: '',
      message: '',
      labels: {},
      annotations: {},
    }]);
  }
  return {
    sandboxes: [{
      id: SANDBOX_ID,
      metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1', attempt: 0 },
      state: 'SANDBOX_READY',
      createdAt: 0,
      labels: {},
      annotations: {},
      network: { ip: POD_IP, additionalIps: [] },
    }],
    containers: byName,
  };
}

export interface ProbeCall {
  /** ms since the clock's start. */
  at: number;
  command: string;
  target: ProbeTarget;
}

/**
 * A runner answering exec probes by their first argument: `script(command, n)` gives the result of the n-th call
 * (from 0) for that command. Every call is recorded with its time.
 */
export class ScriptedRunner {
  readonly calls: ProbeCall[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly script: (command: string, n: number) => ProbeResult,
    private readonly t0 = clock.now().getTime(),
  ) {}

  readonly run: ProbeRunner = async (probe: Readonly<Probe>, target: ProbeTarget): Promise<ProbeOutcome> => {
    const command = probe.exec?.command?.[0] ?? '?';
    const n = this.counts.get(command) ?? 0;
    this.counts.set(command, n + 1);
    this.calls.push({ at: this.clock.now().getTime() - this.t0, command, target });
    const result = this.script(command, n);
    return { result, output: `${command} #${n} ${result}` };
  };

  /** Seconds (from the clock's start) at which `command` was probed. */
  times(command: string): number[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.at / 1000);
  }
}

export const execProbe = (command: string, p: Partial<Probe> = {}): Probe => ({ exec: { command: [command] }, ...p });

export const podWith = (containers: NonNullable<Pod['spec']>['containers'], meta: Partial<NonNullable<Pod['metadata']>> = {}): Pod => ({
  metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1', ...meta },
  spec: { containers },
});
