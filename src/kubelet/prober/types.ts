/**
 * The prober's shared vocabulary: what a probe handler answers, what it probes, and the probe's effective timing
 * with upstream's defaults (periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3).
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1.js';
import { KUBELET_VERSION } from '../nodestatus/version.js';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

/**
 * A probe's result. `warning` is a success with something to say (an HTTP redirect to another host that was not
 * followed); `unknown` is the startup probe's value before it first succeeds or fails.
 */
export type ProbeResult = 'success' | 'warning' | 'failure' | 'unknown';

export interface ProbeOutcome {
  result: ProbeResult;
  /** What the probe saw (command output, response body, error text); the Unhealthy event's message part. */
  output: string;
}

/** What a probe or hook acts on: a running container of a pod, reachable at the pod's IP. */
export interface ProbeTarget {
  pod: Readonly<Pod>;
  container: Readonly<Container>;
  /** The runtime's container id (for exec). */
  containerId: string;
  /** The pod's primary IP (the node's for a host-network pod): the default host of httpGet/tcpSocket/grpc. */
  podIP: string;
}

/**
 * Runs one probe action against a target within `timeoutMs` and never rejects: every error is a failure with
 * the error's text as output, as upstream's prober reports it.
 */
export type ProbeRunner = (probe: Readonly<Probe>, target: ProbeTarget, timeoutMs: number) => Promise<ProbeOutcome>;

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** The probe's timing with defaults; liveness and startup probes always use a success threshold of 1 (as validated upstream). */
export function probeTiming(p: Readonly<Probe>, type: ProbeType): ProbeTiming {
  const pos = (v: number | undefined, d: number) => (v !== undefined && v > 0 ? v : d);
  return {
    initialDelayMs: Math.max(0, p.initialDelaySeconds ?? 0) * 1000,
    periodMs: pos(p.periodSeconds, 10) * 1000,
    timeoutMs: pos(p.timeoutSeconds, 1) * 1000,
    successThreshold: type === 'readiness' ? pos(p.successThreshold, 1) : 1,
    failureThreshold: pos(p.failureThreshold, 3),
  };
}

export const probeOf = (c: Readonly<Container>, type: ProbeType): Readonly<Probe> | undefined =>
  type === 'liveness' ? c.livenessProbe : type === 'readiness' ? c.readinessProbe : c.startupProbe;

/** `Liveness`, `Readiness`, `Startup`: how events name a probe type. */
export const probeTitle = (t: ProbeType): string => t[0]!.toUpperCase() + t.slice(1);

/** `kube-probe/<major>.<minor>` of the kubelet's version, the User-Agent of HTTP probes (upstream's). */
export const PROBE_USER_AGENT = `kube-probe/${/^v?(\d+\.\d+)/.exec(KUBELET_VERSION)?.[1] ?? '0.0'}`;

/** Upstream reads at most 10 KiB of a probe's output (response body, command output). */
export const MAX_OUTPUT_BYTES = 10 * 1024;
