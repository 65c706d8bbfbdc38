/**
 * How a fake container behaves, read from its argv and from the pod's annotations (the fake runtime's only
 * inputs, as a real runtime's are the image and argv):
 *
 * - `command: ["sleep", "N"]` (or `command: ["sleep"], args: ["N"]`, or `["sh", "-c", "sleep N"]`): exits 0 after N
 *   simulated seconds (N may carry a unit: `500ms`, `2m`; `infinity` never exits). Anything else runs until stopped.
 * - `k8ts.io/fake-exit-code: "3"`: the container exits with code 3 (after `fake-exit-after`, default at once).
 * - `k8ts.io/fake-exit-after: "5s"`: the container exits after 5 s (code 0 unless `fake-exit-code` says otherwise).
 * - `k8ts.io/fake-ready: "false"`: the container never passes readiness (read by the fake prober, fake/readiness.ts).
 * - `k8ts.io/fake-start-delay: "2s"`: overrides the runtime's start delay for this pod.
 * - `k8ts.io/fake-termination-delay: "20s"`: the container ignores SIGTERM for that long (killed at the grace period).
 *
 * Pod-level keys apply to the app containers; `<key>.<containerName>` (e.g. `k8ts.io/fake-exit-code.init-db`) applies
 * to one container, init containers included, and wins over the pod-level key.
 */
export const ANNOTATION_EXIT_CODE = 'k8ts.io/fake-exit-code';
export const ANNOTATION_EXIT_AFTER = 'k8ts.io/fake-exit-after';
export const ANNOTATION_READY = 'k8ts.io/fake-ready';
export const ANNOTATION_START_DELAY = 'k8ts.io/fake-start-delay';
export const ANNOTATION_TERMINATION_DELAY = 'k8ts.io/fake-termination-delay';

export interface ContainerBehavior {
  /** ms after start at which the process exits by itself; undefined = runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
  startDelayMs: number;
  terminationDelayMs: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, '': 1000 };

/** `5`, `5s`, `1.5m`, `200ms` → ms; undefined when unparsable or `infinity`. */
export function parseDurationMs(v: string | undefined): number | undefined {
  const m = v === undefined ? null : /^\s*(\d+(?:\.\d+)?)(ms|s|m|h|)\s*$/.exec(v);
  return m ? Math.round(Number(m[1]) * UNITS[m[2]!]!) : undefined;
}

/** The sleep duration of an argv (`sleep N`, `sh -c "sleep N"`), or undefined. */
export function sleepMs(argv: readonly string[]): number | undefined {
  const base = (s: string | undefined) => (s ?? '').split('/').pop();
  if (base(argv[0]) === 'sleep') return parseDurationMs(argv[1]);
  if (['sh', 'bash', 'ash'].includes(base(argv[0]) ?? '') && argv[1] === '-c') {
    const m = /^\s*(?:exec\s+)?sleep\s+(\S+)\s*$/.exec(argv[2] ?? '');
    return m ? parseDurationMs(m[1]) : undefined;
  }
  return undefined;
}

/** The annotation `key` for container `name`: its own key first, then the pod-level one (app containers only). */
export function containerAnnotation(
  annotations: Readonly<Record<string, string>>,
  key: string,
  name: string,
  isInit: boolean,
): string | undefined {
  return annotations[`${key}.${name}`] ?? (isInit ? undefined : annotations[key]);
}

export function containerBehavior(
  podAnnotations: Readonly<Record<string, string>>,
  name: string,
  isInit: boolean,
  argv: readonly string[],
  defaultStartDelayMs: number,
): ContainerBehavior {
  const get = (key: string) => containerAnnotation(podAnnotations, key, name, isInit);
  const code = get(ANNOTATION_EXIT_CODE);
  const exitCode = code !== undefined && /^\d+$/.test(code) ? Number(code) : 0;
  let exitAfterMs = parseDurationMs(get(ANNOTATION_EXIT_AFTER));
  if (exitAfterMs === undefined && code !== undefined) exitAfterMs = 0;
  if (exitAfterMs === undefined) exitAfterMs = sleepMs(argv);
  return {
    exitAfterMs,
    exitCode,
    startDelayMs: parseDurationMs(get(ANNOTATION_START_DELAY)) ?? defaultStartDelayMs,
    terminationDelayMs: parseDurationMs(get(ANNOTATION_TERMINATION_DELAY)) ?? 0,
  };
}
