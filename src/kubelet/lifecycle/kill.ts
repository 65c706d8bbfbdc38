/**
 * Killing one container (upstream's killContainer): a `Normal Killing` event, the preStop hook when the container
 * has one and there is grace left (bounded by the grace period; a failure is a `Warning FailedPreStopHook` event
 * and the stop goes on), then StopContainer (SIGTERM, SIGKILL after the timeout) with what is left of the grace
 * period in whole seconds — never less than 2 s, upstream's minimum shutdown window.
 *
 * Worked example: grace 30 s, a preStop that takes 12.4 s → StopContainer(id, 18); grace 5 s, a preStop that
 * hangs → it is abandoned after 5 s and StopContainer(id, 2).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { clockTimeout } from '../prober/runner.js';
import type { RuntimeService } from '../runtime/interface.js';
import type { HookRunner } from './hooks.js';

export const MIN_GRACE_SECONDS = 2;

export interface KillerOptions {
  runtime: RuntimeService;
  clock: Clock;
  hooks: HookRunner;
  recorder: EventRecorder;
}

export interface KillRequest {
  pod: Readonly<Pod>;
  /** The container's spec (undefined for a container no longer in the spec: no hook to run). */
  spec: Readonly<Container> | undefined;
  containerId: string;
  podIP: string;
  /** The grace period in seconds (the pod's, the deletion's, or the probe's). */
  graceSeconds: number;
  /** The Killing event's message (default `Stopping container <name>`). */
  message?: string;
}

export class ContainerKiller {
  constructor(private readonly o: KillerOptions) {}

  async kill(r: KillRequest): Promise<void> {
    const { clock, hooks, recorder, runtime } = this.o;
    const name = r.spec?.name ?? r.containerId;
    recorder.event(r.pod, 'Normal', 'Killing', r.message ?? `Stopping container ${name}`);
    let grace = r.graceSeconds;
    const preStop = r.spec?.lifecycle?.preStop;
    if (preStop && grace > 0) {
      const begin = clock.now().getTime();
      const limit = clockTimeout(clock, grace * 1000);
      const failed = await hooks.run(preStop, { pod: r.pod, container: r.spec!, containerId: r.containerId, podIP: r.podIP }, limit.signal);
      limit.cancel();
      if (failed) recorder.event(r.pod, 'Warning', 'FailedPreStopHook', failed);
      grace -= Math.floor((clock.now().getTime() - begin) / 1000);
    }
    await runtime.stopContainer(r.containerId, Math.max(grace, MIN_GRACE_SECONDS));
  }
}
