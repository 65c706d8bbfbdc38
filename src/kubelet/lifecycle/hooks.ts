/**
 * Container lifecycle hooks (upstream's lifecycle.handlerRunner): exec (ExecSync in the container), httpGet (a GET
 * of the container; only a transport error fails it, as upstream — the status code is not checked), sleep (a wait
 * on the Clock). `run` never rejects: it resolves undefined on success or upstream's failure message, and stops
 * waiting when `signal` aborts (a preStop hook bounded by the grace period; the exec itself may run on).
 */
import type { LifecycleHandler } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { KUBELET_VERSION } from '../nodestatus/version.js';
import { EXEC_UNSUPPORTED } from '../prober/exec.js';
import { httpGet } from '../prober/http-get.js';
import { httpGetHeaders, httpGetURL } from '../prober/http.js';
import type { ProbeTarget } from '../prober/types.js';
import type { RuntimeService } from '../runtime/interface.js';

export interface HookRunner {
  run(handler: Readonly<LifecycleHandler>, target: ProbeTarget, signal: AbortSignal): Promise<string | undefined>;
}

/** Runs no hook (hollow nodes: their fake containers have nothing to exec or serve). */
export const SKIP_HOOKS: HookRunner = { run: async () => undefined };

export const LIFECYCLE_USER_AGENT = `kube-lifecycle/${/^v?(\d+\.\d+)/.exec(KUBELET_VERSION)?.[1] ?? '0.0'}`;

/** upstream's format.Pod: `name_namespace(uid)`. */
export const podDesc = (t: ProbeTarget): string => `${t.pod.metadata?.name}_${t.pod.metadata?.namespace}(${t.pod.metadata?.uid})`;

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Resolves with `p`, or with `onAbort()` once the signal aborts (whichever is first). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function createHookRunner(runtime: RuntimeService, clock: Clock): HookRunner {
  const exec = async (cmd: string[], t: ProbeTarget): Promise<string | undefined> => {
    const fail = (err: string, output: string) =>
      `Exec lifecycle hook ([${cmd.join(' ')}]) for Container ${JSON.stringify(t.container.name)} in Pod ${JSON.stringify(podDesc(t))} failed - error: ${err}, message: ${JSON.stringify(output)}`;
    if (!runtime.execSync) return fail(EXEC_UNSUPPORTED, '');
    try {
      const r = await runtime.execSync(t.containerId, cmd, 0);
      if (r.exitCode === 0) return undefined;
      const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
      return fail(`command '${cmd.join(' ')}' exited with ${r.exitCode}: ${r.stderr.toString('utf8')}`, output);
    } catch (e) {
      return fail(errText(e), '');
    }
  };
  const http = async (h: NonNullable<LifecycleHandler['httpGet']>, t: ProbeTarget, signal: AbortSignal): Promise<string | undefined> => {
    try {
      await httpGet(httpGetURL(h, t.container, t.podIP), httpGetHeaders(h, LIFECYCLE_USER_AGENT), signal);
      return undefined;
    } catch (e) {
      return `HTTP lifecycle hook (${h.path ?? ''}) for Container ${JSON.stringify(t.container.name)} in Pod ${JSON.stringify(podDesc(t))} failed - error: ${errText(e)}`;
    }
  };
  const sleep = (seconds: number, t: ProbeTarget, signal: AbortSignal): Promise<string | undefined> => {
    let timer: { cancel(): void } | undefined;
    const done = new Promise<undefined>((resolve) => (timer = clock.setTimeout(() => resolve(undefined), seconds * 1000)));
    return untilAborted<string | undefined>(done, signal, () => {
      timer?.cancel();
      return `Sleep lifecycle hook (${seconds}) for Container ${JSON.stringify(t.container.name)} in Pod ${JSON.stringify(podDesc(t))} failed - error: container terminated before sleep hook finished`;
    });
  };
  return {
    async run(h, t, signal) {
      if (h.exec) return untilAborted(exec(h.exec.command ?? [], t), signal, () => undefined);
      if (h.httpGet) return http(h.httpGet, t, signal);
      if (h.sleep) return sleep(h.sleep.seconds, t, signal);
      return `Cannot run handler: invalid handler: ${JSON.stringify(h)}`;
    },
  };
}
