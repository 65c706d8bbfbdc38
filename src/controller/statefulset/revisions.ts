/**
 * The StatefulSet's revisions (upstream's getStatefulSetRevisions / newRevision / ApplyRevision): a revision's data
 * is the patch `{"spec":{"template":{…,"$patch":"replace"}}}`; the update revision is the one equal to the current
 * template (created, or renumbered to the newest on a rollback), the current revision the one status names.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { newControllerRef } from '../framework/index.js';
import {
  createControllerRevision, findEqualRevisions, nextRevision, sortRevisions, truncateHistory, updateRevisionNumber,
  type RevisionObject,
} from '../history/revisions.js';
import { podRevision } from './identity.js';
import { STATEFUL_SET_GVK, type P, type S, type StatefulSetDeps, type StatefulSetObject } from './types.js';

interface RevisionData {
  spec: { template: PodTemplateSpec & { $patch?: string } };
}

export interface SetRevisions {
  current: Readonly<RevisionObject>;
  update: Readonly<RevisionObject>;
  collisionCount: number;
}

/** The revision (unnamed, unhashed) that snapshots the set's template. */
export function newRevision(set: S, revision: number): RevisionObject {
  const data: RevisionData = { spec: { template: { ...structuredClone(set.spec?.template ?? {}), $patch: 'replace' } } };
  const labels = set.spec?.template?.metadata?.labels;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      namespace: set.metadata?.namespace,
      ...(labels ? { labels: { ...labels } } : {}),
      ...(set.metadata?.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(set, STATEFUL_SET_GVK)],
    },
    data,
    revision,
  };
}

/** The set as it was at `rev`: its template replaced by the revision's. */
export function applyRevision(set: S, rev: Readonly<RevisionObject>): StatefulSetObject {
  const out = structuredClone(set) as StatefulSetObject;
  const template = structuredClone((rev.data as RevisionData | undefined)?.spec?.template ?? {});
  delete template.$patch;
  out.spec = { ...out.spec!, template };
  return out;
}

export async function getStatefulSetRevisions(d: StatefulSetDeps, set: S, revisions: readonly Readonly<RevisionObject>[]): Promise<SetRevisions> {
  const sorted = sortRevisions(revisions);
  const collision = { count: set.status?.collisionCount ?? 0 };
  const wanted = newRevision(set, nextRevision(sorted));
  const equal = findEqualRevisions(sorted, wanted);
  const latest = sorted.at(-1);
  let update: Readonly<RevisionObject>;
  if (equal.length > 0 && equal.at(-1) === latest) update = latest!;
  else if (equal.length > 0) update = await updateRevisionNumber(d.client, equal.at(-1)!, wanted.revision);
  else update = await createControllerRevision(d.client, set.metadata?.name ?? '', wanted, collision);
  const current = sorted.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount: collision.count };
}

/** Keeps revisionHistoryLimit (default 10) revisions besides the live ones (current, update, any a pod runs). */
export function truncateSetHistory(d: StatefulSetDeps, set: S, pods: readonly P[], revisions: readonly Readonly<RevisionObject>[], r: SetRevisions): Promise<void> {
  const live = new Set([r.current.metadata?.name ?? '', r.update.metadata?.name ?? '', ...pods.map(podRevision)]);
  return truncateHistory(d.client, revisions, live, set.spec?.revisionHistoryLimit ?? 10);
}
