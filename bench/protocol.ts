/** What the bench process and its load generator (a child process) say to each other over IPC. */

export interface LoadConfig {
  /** https://127.0.0.1:<port> */
  url: string;
  /** PEM: the cluster CA, the admin client certificate and key. */
  ca: string;
  cert: string;
  key: string;
  namespace: string;
  clients: number;
  creates: number;
  gets: number;
  lists: number;
  listPageSize: number;
  watchUpdates: number;
}

/** One row of the result table: latencies in milliseconds. */
export interface Row {
  verb: string;
  count: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  note?: string;
}

export type GeneratorMessage =
  | { type: 'progress'; message: string }
  | { type: 'result'; rows: Row[] }
  | { type: 'error'; message: string };
