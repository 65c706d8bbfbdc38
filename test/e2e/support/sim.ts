/**
 * Hollow nodes of a test's own: `k8ts sim` processes (support/component.ts) with a prefix, labels, taints and
 * capacity per process, all stopped by PID and their Nodes deleted when the test ends (`SimNodes.stopAll` in a
 * `finally`), so the next test of the file sees only the nodes of `up --hollow-nodes`.
 */
import assert from 'node:assert/strict';
import { startComponent, type ComponentProcess } from './component.js';
import { describeResult, poll, type E2E } from './suite.js';

export interface SimSpec {
  /** Node names are `<prefix>0 … <prefix>N-1`. */
  prefix: string;
  nodes?: number;
  labels?: Record<string, string>;
  /** `key=value:Effect` or `key:Effect`, as `--register-with-taints`. */
  taints?: string[];
  capacity?: Record<string, string>;
}

const pairs = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',');

/** The `k8ts sim` arguments for a spec. */
export function simArgs(spec: SimSpec): string[] {
  const args = ['sim', '--nodes', String(spec.nodes ?? 1), '--name-prefix', spec.prefix];
  if (spec.labels) args.push('--node-labels', pairs(spec.labels));
  if (spec.taints?.length) args.push('--register-with-taints', spec.taints.join(','));
  if (spec.capacity) args.push('--capacity', pairs(spec.capacity));
  return args;
}

export class SimNodes {
  private readonly procs: { proc: ComponentProcess; names: string[] }[] = [];

  constructor(private readonly x: E2E) {}

  /** Every node started so far. */
  get names(): string[] {
    return this.procs.flatMap((p) => p.names);
  }

  /** Starts one `k8ts sim`; resolves with its node names once they are registered and the API lists them Ready. */
  async start(spec: SimSpec): Promise<string[]> {
    const names = Array.from({ length: spec.nodes ?? 1 }, (_, i) => `${spec.prefix}${i}`);
    const proc = await startComponent(this.x.cluster, simArgs(spec), /✓ \d+ hollow node\(s\) registered/, 90_000);
    this.procs.push({ proc, names });
    await poll(`nodes ${names.join(', ')} Ready`, async () => {
      const r = await this.x.k(['get', 'nodes', ...names, '-o', 'json']);
      if (r.code !== 0) return false;
      // One name answers the object itself, several a List.
      const out = JSON.parse(r.stdout);
      const items = (out.kind === 'List' ? out.items : [out]) as { status?: { conditions?: { type: string; status: string }[] } }[];
      return items.length === names.length && items.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    }, 60_000);
    return names;
  }

  /** Stops every `k8ts sim` (SIGTERM by PID) and deletes its Nodes, waiting (bounded) until they are gone. */
  async stopAll(): Promise<void> {
    const procs = this.procs.splice(0);
    await Promise.all(procs.map((p) => p.proc.stop()));
    const names = procs.flatMap((p) => p.names);
    if (names.length === 0) return;
    const r = await this.x.k(['delete', 'node', ...names, '--ignore-not-found', '--timeout=60s'], { timeoutMs: 90_000 });
    assert.equal(r.code, 0, describeResult(r));
  }
}

/**
 * Waits until the API lists exactly `names` as nodes (the file's `up --hollow-nodes` plus the test's own), so
 * that the node counts of scheduler messages are known.
 */
export async function waitForNodeSet(x: E2E, names: string[]): Promise<void> {
  const want = [...names].sort();
  let last: string[] = [];
  try {
    await poll(`exactly the nodes ${want.join(', ')}`, async () => {
      const r = await x.k(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}']);
      if (r.code !== 0) return false;
      last = r.stdout.split(/\s+/).filter(Boolean).sort();
      return JSON.stringify(last) === JSON.stringify(want);
    }, 60_000);
  } catch (err) {
    throw new Error(`${(err as Error).message} (last seen: ${last.join(', ')})`);
  }
}
