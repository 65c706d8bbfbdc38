/**
 * Helpers for scheduler e2e files: pod manifests with requests and placement rules, where pods landed, and the
 * FailedScheduling events of a pod, all through the real kubectl.
 */
import assert from 'node:assert/strict';
import { poll, type E2E } from './suite.js';

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** A pod that requests `cpu` (no limits) plus whatever `spec` adds (nodeSelector, affinity, tolerations …). */
export function podManifest(name: string, opts: { cpu?: string; labels?: Record<string, string>; spec?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: opts.labels ?? { app: name } },
    spec: {
      containers: [{ name: 'c', image: PAUSE_IMAGE, resources: opts.cpu ? { requests: { cpu: opts.cpu } } : {} }],
      ...opts.spec,
    },
  };
}

/** `kubectl create -f -` of several objects in one List. */
export async function createAll(x: E2E, objects: Record<string, unknown>[]): Promise<void> {
  await x.ok(['create', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }) });
}

interface PodLite {
  metadata: { name: string; deletionTimestamp?: string; uid: string };
  spec: { nodeName?: string };
  status: { phase?: string; nominatedNodeName?: string; conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

/** The test namespace's pods (optionally `-l selector`), parsed. */
export async function pods(x: E2E, selector?: string): Promise<PodLite[]> {
  return (await x.json(['pods', ...(selector ? ['-l', selector] : [])])).items as PodLite[];
}

/** Waits until each named pod is bound and Running; returns pod name → node name. */
export async function waitRunning(x: E2E, names: string[], timeoutMs = 60_000): Promise<Record<string, string>> {
  return poll(`pods ${names.join(', ')} Running`, async () => {
    const all = await pods(x);
    const want = names.map((n) => all.find((p) => p.metadata.name === n));
    if (!want.every((p) => p?.spec.nodeName && p.status.phase === 'Running')) return undefined;
    return Object.fromEntries(want.map((p) => [p!.metadata.name, p!.spec.nodeName!]));
  }, timeoutMs);
}

/** Counts pods per node among `items` (bound ones only). */
export function countByNode(items: PodLite[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of items) if (p.spec.nodeName) out[p.spec.nodeName] = (out[p.spec.nodeName] ?? 0) + 1;
  return out;
}

/** The messages of the FailedScheduling events of pod `name`, oldest first. */
export async function failedSchedulingMessages(x: E2E, name: string): Promise<string[]> {
  const ev = await x.json(['events', '--field-selector', `reason=FailedScheduling,involvedObject.name=${name}`]);
  return (ev.items as { message: string; metadata: { creationTimestamp: string } }[])
    .sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp))
    .map((e) => e.message);
}

/**
 * Waits (bounded) for a FailedScheduling event of pod `name` with exactly `message`, then checks that the pod is
 * Pending, unbound, with PodScheduled=False/Unschedulable whose message is the same.
 */
export async function expectUnschedulable(x: E2E, name: string, message: string, timeoutMs = 60_000): Promise<void> {
  let seen: string[] = [];
  try {
    await poll(`a FailedScheduling event of ${name} saying ${JSON.stringify(message)}`, async () => {
      seen = await failedSchedulingMessages(x, name);
      return seen.includes(message);
    }, timeoutMs);
  } catch (err) {
    throw new Error(`${(err as Error).message}\nFailedScheduling messages seen:\n${seen.join('\n') || '(none)'}`);
  }
  const pod = (await x.json(['pod', name])) as PodLite;
  assert.equal(pod.status.phase, 'Pending');
  assert.equal(pod.spec.nodeName, undefined);
  const cond = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
  assert.deepEqual([cond?.status, cond?.reason], ['False', 'Unschedulable']);
  assert.equal(cond?.message, message);
}
