/**
 * What bench/pods.ts and its driver (bench/pods/driver.ts, run inside the benchmark's network namespace, where the
 * API server listens) say to each other: one JSON object per line, commands on the driver's stdin, replies on its
 * stdout (its stderr is the log). Times are epoch milliseconds with sub-millisecond precision
 * (performance.timeOrigin + performance.now()), comparable between the two processes.
 */

export type DriverCommand =
  /** Phase A: wait for the kubeconfig and the API, the Node Ready, then create one pod and wait until it runs. */
  | { cmd: 'cold'; kubeconfig: string; node: string; namespace: string; timeoutMs: number }
  /** Phase B: `count` pods at `rate`/s, watched until Running and Ready. */
  | { cmd: 'pods'; namespace: string; count: number; rate: number; timeoutMs: number }
  /** Delete every pod of the namespace and wait until the API has none. */
  | { cmd: 'delete'; namespace: string; timeoutMs: number }
  | { cmd: 'exit' };

export interface PodTimes {
  name: string;
  /** Create request written. */
  sentAt: number;
  /** Create answered (undefined: failed). */
  createdAt?: number;
  /** First watch event with spec.nodeName. */
  boundAt?: number;
  /** First watch event with status.phase Running. */
  runningAt?: number;
  /** First watch event with the Ready condition True. */
  readyAt?: number;
}

export type DriverReply =
  | { type: 'hello'; pid: number }
  | { type: 'progress'; message: string }
  | { type: 'error'; message: string }
  | {
      type: 'cold';
      /** The kubeconfig file appeared; the API first answered a request. */
      kubeconfigAt: number;
      apiAt: number;
      nodeReadyAt: number;
      pod: PodTimes;
    }
  | { type: 'started'; at: number }
  | { type: 'pods'; pods: PodTimes[]; failed: number; firstError?: string; timedOut: boolean; watchRestarts: number }
  | { type: 'deleted'; ms: number; left: number };

export const now = (): number => performance.timeOrigin + performance.now();
