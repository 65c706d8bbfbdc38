/**
 * One probe of one container (upstream's prober worker), driven by the Clock. The worker follows the pod's current
 * container (`observe`): a new container id resets it — the old id's result is dropped, the new one starts at the
 * type's initial value (readiness failure, liveness success, startup unknown) and the first probe runs once the
 * container has run initialDelaySeconds, then every periodSeconds (measured from the start of each probe).
 *
 * A result is published only after `failureThreshold` failures or `successThreshold` successes in a row. A
 * liveness or startup failure puts the worker on hold until the container is replaced (the pod sync kills it).
 * Liveness and readiness do not probe until the startup probe has succeeded (the manager triggers them then);
 * the startup probe stops once it has. A pod being deleted ends liveness and startup probing with a success, so
 * its shutdown is never disturbed by a kill.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { probeTiming, type ProbeOutcome, type ProbeResult, type ProbeTarget, type ProbeTiming, type ProbeType } from './types.js';

/** What the worker knows of the container it probes (from the pod sync's runtime view). */
export interface ObservedContainer {
  id: string;
  running: boolean;
  /** ms since the epoch. */
  startedAt: number;
}

/** What a worker needs from its manager. */
export interface WorkerHost {
  readonly clock: Clock;
  run(probe: Readonly<Probe>, target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome>;
  /** Publishes a result for a container id (undefined removes it). */
  setResult(containerId: string, type: ProbeType, result: ProbeResult | undefined, pod: Readonly<Pod>): void;
  /** Whether the container's startup gate is open (no startup probe, or it succeeded). */
  started(pod: Readonly<Pod>, container: Readonly<Container>, containerId: string): boolean;
  /** Every probe's raw outcome (events). */
  report(pod: Readonly<Pod>, container: Readonly<Container>, type: ProbeType, outcome: ProbeOutcome): void;
}

const INITIAL: Record<ProbeType, ProbeResult> = { readiness: 'failure', liveness: 'success', startup: 'unknown' };

export class ProbeWorker {
  private readonly timing: ProbeTiming;
  private pod: Readonly<Pod>;
  private current?: ObservedContainer;
  private podIP = '';
  private lastResult?: ProbeResult;
  private resultRun = 0;
  private onHold = false;
  private inFlight = false;
  private stopped = false;
  private timer?: { cancel(): void };

  constructor(
    private readonly host: WorkerHost,
    pod: Readonly<Pod>,
    readonly container: Readonly<Container>,
    readonly type: ProbeType,
    private readonly probe: Readonly<Probe>,
  ) {
    this.pod = pod;
    this.timing = probeTiming(probe, type);
  }

  /** The pod's latest view of the container (undefined: none in the current sandbox). */
  observe(pod: Readonly<Pod>, c: ObservedContainer | undefined, podIP: string): void {
    this.pod = pod;
    this.podIP = podIP;
    if (c?.id !== this.current?.id) this.replace(c);
    else this.current = c;
    if (pod.metadata?.deletionTimestamp && this.type !== 'readiness') {
      if (this.current) this.host.setResult(this.current.id, this.type, 'success', pod);
      return this.cancel();
    }
    if (!this.current?.running) return this.cancel();
    if (!this.timer && !this.inFlight && !this.onHold) this.schedule(this.firstProbeAt(this.current));
  }

  /** Probe now if the worker may (the startup gate just opened). */
  trigger(): void {
    if (this.stopped || this.inFlight || this.onHold || !this.current?.running) return;
    this.schedule(this.firstProbeAt(this.current));
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
    if (this.current) this.host.setResult(this.current.id, this.type, undefined, this.pod);
  }

  private replace(c: ObservedContainer | undefined): void {
    if (this.current) this.host.setResult(this.current.id, this.type, undefined, this.pod);
    this.cancel();
    this.current = c;
    this.lastResult = undefined;
    this.resultRun = 0;
    this.onHold = false;
    if (c) this.host.setResult(c.id, this.type, INITIAL[this.type], this.pod);
  }

  private firstProbeAt(c: ObservedContainer): number {
    return Math.max(this.host.clock.now().getTime(), c.startedAt + this.timing.initialDelayMs);
  }

  private schedule(at: number): void {
    if (this.stopped) return;
    this.cancel();
    this.timer = this.host.clock.setTimeout(() => void this.tick(), Math.max(0, at - this.host.clock.now().getTime()));
  }

  private cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const c = this.current;
    if (this.stopped || this.onHold || !c?.running) return;
    const started = this.host.started(this.pod, this.container, c.id);
    if (this.type === 'startup' ? started : !started) return; // startup done / gated until it is
    const begin = this.host.clock.now().getTime();
    this.inFlight = true;
    const outcome = await this.host.run(this.probe, { pod: this.pod, container: this.container, containerId: c.id, podIP: this.podIP }, this.timing.timeoutMs);
    this.inFlight = false;
    if (this.stopped || this.current?.id !== c.id) return; // the container changed while probing: stale
    this.host.report(this.pod, this.container, this.type, outcome);
    this.record(c.id, outcome.result === 'warning' ? 'success' : outcome.result);
    if (!this.onHold && this.current.running) this.schedule(begin + this.timing.periodMs);
  }

  private record(id: string, result: ProbeResult): void {
    if (result === this.lastResult) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    const threshold = result === 'failure' ? this.timing.failureThreshold : this.timing.successThreshold;
    if (this.resultRun < threshold) return;
    this.host.setResult(id, this.type, result, this.pod);
    if (result === 'failure' && this.type !== 'readiness') {
      this.onHold = true;
      this.resultRun = 0;
    }
  }
}
