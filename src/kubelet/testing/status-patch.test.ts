import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { patchMetaFor } from '../../api/patchmeta/index.js';
// The stub is held to the API server's strategic merge (a test-only import across layers).
import { applyStrategicMergePatch } from '../../apiserver/patch/strategic.js';
import { podStatusPatch } from '../status/patch.js';
import { applyStatusPatch } from './status-patch.js';
import { seededRng as prng } from '../../machinery/testing/rng.js';

const POD = patchMetaFor('', 'v1', 'Pod')!;
const STATUS = POD.field('status').child;

function randomStatus(rand: () => number): PodStatus {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const types = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget', 'example.com/gate'];
  const conditions: PodCondition[] = types
    .filter(() => rand() < 0.7)
    .map((type) => ({ type, status: pick(['True', 'False']), lastTransitionTime: pick(['2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z']), ...(rand() < 0.3 ? { reason: 'R' } : {}) }));
  return {
    phase: pick(['Pending', 'Running', 'Failed']),
    conditions,
    podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }].filter(() => rand() < 0.7),
    containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: rand() < 0.5, restartCount: Math.floor(rand() * 3) }],
    ...(rand() < 0.5 ? { podIP: '10.0.0.1', startTime: '2026-01-01T00:00:00Z' } : {}),
    ...(rand() < 0.5 ? { qosClass: 'BestEffort' } : {}),
  };
}

describe('applyStatusPatch (the StubClient strategic merge)', () => {
  it('agrees with the API server on 500 status manager patches (seeded)', () => {
    const rand = prng(7);
    for (let i = 0; i < 500; i++) {
      const live = randomStatus(rand);
      const patch = podStatusPatch('uid-1', live, randomStatus(rand));
      if (!patch) continue;
      const body = JSON.parse(JSON.stringify(patch.status)) as Record<string, unknown>;
      const server = applyStrategicMergePatch({ status: live }, { status: body }, POD)['status'];
      assert.deepEqual(applyStatusPatch(live as Record<string, unknown>, body, STATUS), server, `case ${i}: ${JSON.stringify({ live, body })}`);
    }
  });

  it('refuses directives it does not implement', () => {
    assert.throws(() => applyStatusPatch({}, { $retainKeys: [] }, STATUS), /does not support/);
    assert.throws(() => applyStatusPatch({}, { '$deleteFromPrimitiveList/x': [] }, STATUS), /does not support/);
  });
});
