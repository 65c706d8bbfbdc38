/**
 * The real probe runner: dispatches a probe to its handler (exec, httpGet, tcpSocket, grpc) with the probe's
 * timeout. Timeouts are set on the injected Clock (the exec and grpc handlers pass theirs to the runtime/gRPC
 * deadline). A probe with no handler is a failure, as upstream's "missing probe handler".
 */
import type { Probe } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { RuntimeService } from '../runtime/interface.js';
import { execProbe } from './exec.js';
import { grpcProbe } from './grpc.js';
import { httpProbe } from './http.js';
import { resolvePort } from './port.js';
import { tcpProbe } from './tcp.js';
import type { ProbeOutcome, ProbeRunner, ProbeTarget } from './types.js';

/** An AbortSignal that fires after `ms` on `clock`; `cancel` releases the timer. */
export function clockTimeout(clock: Clock, ms: number): { signal: AbortSignal; cancel(): void } {
  const ac = new AbortController();
  const t = clock.setTimeout(() => ac.abort(new Error('timeout')), ms);
  return { signal: ac.signal, cancel: () => t.cancel() };
}

export function createProbeRunner(runtime: RuntimeService, clock: Clock): ProbeRunner {
  return async (probe: Readonly<Probe>, t: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> => {
    try {
      if (probe.exec) return await execProbe(runtime, t.containerId, probe.exec, timeoutMs);
      if (probe.httpGet) {
        const to = clockTimeout(clock, timeoutMs);
        try {
          return await httpProbe(probe.httpGet, t.container, t.podIP, to.signal);
        } finally {
          to.cancel();
        }
      }
      if (probe.tcpSocket) return await tcpProbe(probe.tcpSocket.host || t.podIP, resolvePort(probe.tcpSocket.port, t.container), timeoutMs, clock);
      if (probe.grpc) return await grpcProbe(t.podIP, probe.grpc.port, probe.grpc.service ?? '', timeoutMs);
      return { result: 'failure', output: 'missing probe handler' };
    } catch (e) {
      return { result: 'failure', output: e instanceof Error ? e.message : String(e) };
    }
  };
}
