import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { evictionVerdict, toleratesTaint, type EvictionVerdict } from './tolerations.js';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:01:00Z' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:30Z' };
const T_ADDED = Date.parse('2026-01-01T00:01:00Z');

const tolerateCases: { name: string; t: Toleration; taint: Taint; want: boolean }[] = [
  { name: 'Exists on the key', t: { key: unreachable.key, operator: 'Exists' }, taint: unreachable, want: true },
  { name: 'Exists with no key tolerates everything', t: { operator: 'Exists' }, taint: unreachable, want: true },
  { name: 'wrong effect', t: { key: unreachable.key, operator: 'Exists', effect: 'NoSchedule' }, taint: unreachable, want: false },
  { name: 'wrong key', t: { key: 'other', operator: 'Exists' }, taint: unreachable, want: false },
  { name: 'Equal needs the value', t: { key: 'k', operator: 'Equal', value: 'a' }, taint: { key: 'k', value: 'b', effect: 'NoExecute' }, want: false },
  { name: 'Equal (the default operator) with the value', t: { key: 'k', value: 'a' }, taint: { key: 'k', value: 'a', effect: 'NoExecute' }, want: true },
];
for (const c of tolerateCases) test(`toleratesTaint: ${c.name}`, () => assert.equal(toleratesTaint(c.t, c.taint), c.want));

const secs = (key: string, s?: number): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', ...(s === undefined ? {} : { tolerationSeconds: s }) });

const verdictCases: { name: string; taints: Taint[]; tolerations: Toleration[]; want: EvictionVerdict }[] = [
  { name: 'no taints: keep', taints: [], tolerations: [], want: { kind: 'keep' } },
  { name: 'not tolerated: now', taints: [unreachable], tolerations: [secs('other', 10)], want: { kind: 'now' } },
  { name: 'tolerated for 300 s from timeAdded', taints: [unreachable], tolerations: [secs(unreachable.key, 300)], want: { kind: 'at', atMs: T_ADDED + 300_000 } },
  { name: 'tolerated forever: keep', taints: [unreachable], tolerations: [secs(unreachable.key)], want: { kind: 'keep' } },
  { name: 'negative seconds count as 0', taints: [unreachable], tolerations: [secs(unreachable.key, -5)], want: { kind: 'at', atMs: T_ADDED } },
  {
    name: 'two taints: the shortest toleration, from the earliest timeAdded',
    taints: [unreachable, notReady],
    tolerations: [secs(unreachable.key, 300), secs(notReady.key, 60)],
    want: { kind: 'at', atMs: Date.parse(notReady.timeAdded!) + 60_000 },
  },
  { name: 'one of two taints not tolerated: now', taints: [unreachable, notReady], tolerations: [secs(unreachable.key, 300)], want: { kind: 'now' } },
];
for (const c of verdictCases) test(`evictionVerdict: ${c.name}`, () => assert.deepEqual(evictionVerdict(c.taints, c.tolerations, 0), c.want));
