/**
 * The pods/status patch the kubelet sends (upstream's statusutil.PatchPodStatus): a strategic merge patch from the
 * status the kubelet last knew to the new one, with `metadata.uid` added as a precondition — the API server refuses
 * a patch that would change the uid, so the patch never lands on a pod recreated under the same name. Without a
 * resourceVersion it cannot conflict; it changes only what differs between the two statuses.
 *
 * Only the kubelet's own fields take part (KUBELET_STATUS_FIELDS and the KUBELET_CONDITIONS): everything else is
 * taken from `old` into the new status before the diff, so the patch never touches another writer's conditions
 * (DisruptionTarget, readiness gates) or the fields the kubelet only carries over.
 */
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { patchMetaFor } from '../../api/patchmeta/index.js';
import { createTwoWayMergePatch } from '../../api/strategicpatch/index.js';
import { KUBELET_CONDITIONS } from '../pod/conditions.js';
import { KUBELET_STATUS_FIELDS } from '../pod/status.js';

const POD_PATCH_META = patchMetaFor('', 'v1', 'Pod')!;

export interface PodStatusPatch {
  metadata: { uid: string };
  status: Record<string, unknown>;
}

const isOwnCondition = (c: PodCondition): boolean => KUBELET_CONDITIONS.includes(c.type);

/** The kubelet's part of `status`: its fields and its conditions. */
export function kubeletPart(status: Readonly<PodStatus> | undefined): PodStatus {
  const out: PodStatus = {};
  for (const f of KUBELET_STATUS_FIELDS) if (status?.[f] !== undefined) (out as Record<string, unknown>)[f] = status[f];
  if (out.conditions) out.conditions = out.conditions.filter(isOwnCondition);
  return out;
}

/**
 * `status` for the kubelet's part, `old` for the rest. Conditions as upstream's mergePodStatus orders them: the
 * other writers' first, as `old` has them, then the kubelet's in the order it generates them.
 */
export function withForeignFrom(old: Readonly<PodStatus>, status: Readonly<PodStatus>): PodStatus {
  const out: PodStatus = { ...old };
  for (const f of KUBELET_STATUS_FIELDS) delete out[f];
  Object.assign(out, kubeletPart(status));
  const foreign = (old.conditions ?? []).filter((c) => !isOwnCondition(c));
  const conditions = [...foreign, ...(out.conditions ?? [])];
  if (conditions.length > 0 || old.conditions !== undefined) out.conditions = conditions;
  else delete out.conditions;
  return out;
}

/** The patch from `old` to the kubelet's part of `status`, or undefined when it would change nothing. */
export function podStatusPatch(uid: string, old: Readonly<PodStatus>, status: Readonly<PodStatus>): PodStatusPatch | undefined {
  const diff = createTwoWayMergePatch({ status: old }, { status: withForeignFrom(old, status) }, POD_PATCH_META);
  const changed = diff['status'] as Record<string, unknown> | undefined;
  return changed ? { metadata: { uid }, status: changed } : undefined;
}
