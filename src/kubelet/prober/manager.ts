/**
 * The prober manager (upstream's prober.Manager): one ProbeWorker per container and probe type of every pod the
 * pod sync shows it (`observe`, after each sync), results cached per container id, and the container readiness
 * and startedness the status generation reads (it is the kubelet's ReadinessProber). A published result that
 * changes a container's readiness, startedness or liveness calls `onChange(uid)`, which kicks the pod's worker:
 * the sync then writes the new status, or kills a container whose liveness/startup probe failed (`unhealthy`).
 *
 * Only app containers are probed (init containers have no probes). Probe outcomes are recorded as events as
 * upstream does: every failure `Warning Unhealthy "<Type> probe failed: <output>"`, every warning
 * `Warning ProbeWarning "<Type> probe warning: <output>"`.
 */
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { NOP_RECORDER } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { isTerminalPhase } from '../pod/phase.js';
import { latestIn, readySandbox, type PodRuntimeState } from '../pod/runtime-state.js';
import type { ContainerStatus } from '../runtime/interface.js';
import type { ReadinessProber } from '../types.js';
import { ProbeWorker, type WorkerHost } from './worker.js';
import { probeOf, probeTitle, type ProbeOutcome, type ProbeResult, type ProbeRunner, type ProbeType } from './types.js';

export interface ProberManagerOptions {
  clock: Clock;
  run: ProbeRunner;
  recorder?: EventRecorder;
  /** A probe result changed what the pod's status or sync must show. */
  onChange(uid: string): void;
}

/** A running container the sync must kill: its liveness or startup probe failed. */
export interface UnhealthyContainer {
  spec: Readonly<Container>;
  containerId: string;
  type: 'liveness' | 'startup';
}

/** What the pod sync needs of the prober (the manager; absent on hollow nodes). */
export interface PodProbes {
  /** The pod's runtime view after a sync; `status` is what the sync computed (pod IP, phase). */
  observe(pod: Readonly<Pod>, state: PodRuntimeState, status: Readonly<PodStatus>): void;
  /** Running containers whose liveness or startup probe has failed. */
  unhealthy(pod: Readonly<Pod>, state: PodRuntimeState): UnhealthyContainer[];
  /** The pod is gone: stop its workers and drop its results. */
  forgetPod(uid: string): void;
}

const TYPES: readonly ProbeType[] = ['startup', 'liveness', 'readiness'];
const passed = (r: ProbeResult | undefined): boolean => r === 'success' || r === 'warning';

export class ProberManager implements ReadinessProber, PodProbes {
  private readonly workers = new Map<string, Map<string, ProbeWorker>>();
  private readonly results = new Map<string, Partial<Record<ProbeType, ProbeResult>>>();
  private readonly host: WorkerHost;

  constructor(private readonly o: ProberManagerOptions) {
    this.host = {
      clock: o.clock,
      run: o.run,
      setResult: (id, type, result, pod) => this.setResult(id, type, result, pod),
      started: (_pod, c, id) => !c.startupProbe || passed(this.results.get(id)?.startup),
      report: (pod, _c, type, out) => this.report(pod, type, out),
    };
  }

  /** Number of running probe workers (tests, measurements). */
  get workerCount(): number {
    let n = 0;
    for (const m of this.workers.values()) n += m.size;
    return n;
  }

  observe(pod: Readonly<Pod>, state: PodRuntimeState, status: Readonly<PodStatus>): void {
    const uid = pod.metadata?.uid ?? '';
    if (isTerminalPhase(status.phase)) return this.forgetPod(uid);
    const sid = readySandbox(state)?.id;
    for (const spec of pod.spec?.containers ?? []) {
      const latest = latestIn(state, spec.name, sid);
      const seen = latest && { id: latest.id, running: latest.state === 'CONTAINER_RUNNING', startedAt: latest.startedAt };
      for (const type of TYPES) {
        const probe = probeOf(spec, type);
        if (probe) this.worker(pod, spec, type, probe).observe(pod, seen, status.podIP ?? '');
      }
    }
  }

  unhealthy(pod: Readonly<Pod>, state: PodRuntimeState): UnhealthyContainer[] {
    const out: UnhealthyContainer[] = [];
    const sid = readySandbox(state)?.id;
    for (const spec of pod.spec?.containers ?? []) {
      const c = latestIn(state, spec.name, sid);
      if (c?.state !== 'CONTAINER_RUNNING') continue;
      const r = this.results.get(c.id);
      if (r?.liveness === 'failure') out.push({ spec, containerId: c.id, type: 'liveness' });
      else if (r?.startup === 'failure') out.push({ spec, containerId: c.id, type: 'startup' });
    }
    return out;
  }

  forgetPod(uid: string): void {
    const m = this.workers.get(uid);
    if (!m) return;
    this.workers.delete(uid);
    for (const w of m.values()) w.stop();
  }

  stop(): void {
    for (const uid of [...this.workers.keys()]) this.forgetPod(uid);
  }

  isReady(pod: Readonly<Pod>, name: string, status: Readonly<ContainerStatus>): boolean {
    if (status.state !== 'CONTAINER_RUNNING' || !this.isStarted(pod, name, status)) return false;
    const spec = pod.spec?.containers?.find((c) => c.name === name);
    return !spec?.readinessProbe || passed(this.results.get(status.id)?.readiness);
  }

  isStarted(pod: Readonly<Pod>, name: string, status: Readonly<ContainerStatus>): boolean {
    if (status.state !== 'CONTAINER_RUNNING') return false;
    const spec = pod.spec?.containers?.find((c) => c.name === name);
    return !spec?.startupProbe || passed(this.results.get(status.id)?.startup);
  }

  private worker(pod: Readonly<Pod>, spec: Readonly<Container>, type: ProbeType, probe: NonNullable<Container['livenessProbe']>): ProbeWorker {
    const uid = pod.metadata?.uid ?? '';
    let m = this.workers.get(uid);
    if (!m) this.workers.set(uid, (m = new Map()));
    const key = `${spec.name}/${type}`;
    let w = m.get(key);
    if (!w) m.set(key, (w = new ProbeWorker(this.host, pod, spec, type, probe)));
    return w;
  }

  private setResult(id: string, type: ProbeType, result: ProbeResult | undefined, pod: Readonly<Pod>): void {
    const r = this.results.get(id) ?? {};
    const old = r[type];
    if (result === undefined) delete r[type];
    else r[type] = result;
    if (Object.keys(r).length === 0) this.results.delete(id);
    else this.results.set(id, r);
    // Initial values and removals change nothing shown; a newly published failure always matters (a kill).
    if (old === undefined || result === undefined || old === result) return;
    if (passed(old) === passed(result) && result !== 'failure') return;
    const uid = pod.metadata?.uid ?? '';
    if (type === 'startup' && passed(result)) for (const w of this.workers.get(uid)?.values() ?? []) if (w.type !== 'startup') w.trigger();
    this.o.onChange(uid);
  }

  private report(pod: Readonly<Pod>, type: ProbeType, out: ProbeOutcome): void {
    const rec = this.o.recorder ?? NOP_RECORDER;
    if (out.result === 'failure') rec.event(pod, 'Warning', 'Unhealthy', `${probeTitle(type)} probe failed: ${out.output}`);
    else if (out.result === 'warning') rec.event(pod, 'Warning', 'ProbeWarning', `${probeTitle(type)} probe warning: ${out.output}`);
  }
}
