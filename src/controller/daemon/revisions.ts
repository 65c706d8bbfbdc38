/**
 * The DaemonSet's revisions (upstream's constructHistory / snapshot / cleanupHistory): the current revision is
 * the one whose data equals the template's patch (renumbered to the newest when it is an older one), or a new
 * snapshot named `<set>-<hash of the template and collisionCount>`; the others are old and trimmed to
 * revisionHistoryLimit, never one a pod still runs.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS } from '../../client/resources.js';
import { isAlreadyExistsStatus } from '../../machinery/errors/status.js';
import { newControllerRef } from '../framework/index.js';
import {
  CONTROLLER_REVISION_HASH_LABEL, controllerRevisionName, hashRevisionData, nextRevision, sortRevisions, stableJson,
  updateRevisionNumber,
} from '../history/revisions.js';
import { DAEMON_SET_GVK, type D, type DaemonSetDeps, type DaemonSetObject, type P, type RevisionObject } from './types.js';

const revisionData = (ds: D): unknown => ({ spec: { template: { ...structuredClone(ds.spec?.template ?? {}), $patch: 'replace' } } });

export const matchesRevision = (ds: D, rev: Readonly<RevisionObject>): boolean => stableJson(rev.data) === stableJson(revisionData(ds));

export const revisionHash = (rev: Readonly<RevisionObject>): string =>
  rev.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? rev.metadata?.name ?? '';

export interface DaemonHistory {
  current: Readonly<RevisionObject>;
  old: Readonly<RevisionObject>[];
}

async function snapshot(d: DaemonSetDeps, ds: D, revision: number): Promise<Readonly<RevisionObject>> {
  const hash = hashRevisionData(ds.spec?.template as PodTemplateSpec, ds.status?.collisionCount);
  const ns = ds.metadata?.namespace ?? '';
  const rev: RevisionObject = {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(ds.metadata?.name ?? '', hash), namespace: ns,
      labels: { ...ds.spec?.template?.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(ds.metadata?.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds, DAEMON_SET_GVK)],
    },
    data: revisionData(ds) as RevisionObject['data'], revision,
  };
  try {
    return await d.client.create<RevisionObject>(CONTROLLER_REVISIONS, ns, rev);
  } catch (err) {
    if (!isAlreadyExistsStatus(err)) throw err;
    const existing = await d.client.get<RevisionObject>(CONTROLLER_REVISIONS, ns, rev.metadata?.name ?? '');
    if (matchesRevision(ds, existing)) return existing;
    // A hash collision: bump collisionCount so the next sync picks another name.
    const next = { ...structuredClone(ds), status: { ...ds.status, collisionCount: (ds.status?.collisionCount ?? 0) + 1 } } as DaemonSetObject;
    await d.client.update(DAEMON_SETS, ns, next, { subresource: 'status' });
    throw new Error(`found a stale or colliding ControllerRevision ${rev.metadata?.name} for DaemonSet ${ns}/${ds.metadata?.name}`);
  }
}

/** Splits the claimed revisions into the current one (created when missing) and the old ones. */
export async function constructHistory(d: DaemonSetDeps, ds: D, revisions: readonly Readonly<RevisionObject>[]): Promise<DaemonHistory> {
  const current = sortRevisions(revisions.filter((r) => matchesRevision(ds, r)));
  const old = revisions.filter((r) => !matchesRevision(ds, r));
  const want = nextRevision(old);
  if (current.length === 0) return { current: await snapshot(d, ds, want), old };
  // Duplicates of the current revision (upstream's dedupCurHistories): keep the newest, drop the rest.
  const keep = current.at(-1)!;
  for (const dup of current.slice(0, -1)) await d.client.delete(CONTROLLER_REVISIONS, dup.metadata?.namespace ?? '', dup.metadata?.name ?? '');
  return { current: keep.revision < want ? await updateRevisionNumber(d.client, keep, want) : keep, old };
}

/**
 * Deletes old revisions, oldest first, until at most revisionHistoryLimit old ones remain — skipping (but still
 * counting) any whose hash a pod carries, as upstream's cleanupHistory.
 */
export async function cleanupHistory(d: DaemonSetDeps, ds: D, pods: readonly P[], h: DaemonHistory): Promise<void> {
  const liveHashes = new Set(pods.map((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL]).filter((x): x is string => !!x));
  let toKill = h.old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  for (const r of sortRevisions(h.old)) {
    if (toKill <= 0) return;
    if (liveHashes.has(revisionHash(r))) continue;
    await d.client.delete(CONTROLLER_REVISIONS, r.metadata?.namespace ?? '', r.metadata?.name ?? '');
    toKill--;
  }
}
