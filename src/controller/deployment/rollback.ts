/**
 * Rollback. `kubectl rollout undo` patches the deployment's template with an old set's template: the sync then finds
 * that old set as the new one and gives it the next revision (newrs.ts). This file serves the older protocol, the
 * `deprecated.deployment.rollback.to` annotation (upstream's rollback.go): the controller copies the template of
 * that revision (0 = the previous one) into the deployment and clears the annotation.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { DEPLOYMENTS } from '../../client/resources.js';
import { byRevision, equalIgnoreHash, revisionOf } from './replicasets.js';
import { getAllReplicaSetsAndSyncRevision } from './newrs.js';
import { POD_TEMPLATE_HASH, ROLLBACK_TO, type DeploymentDeps, type DeploymentObject, type RS } from './types.js';

export const rollbackTo = (d: Readonly<DeploymentObject>): number | undefined => {
  const v = d.metadata?.annotations?.[ROLLBACK_TO];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

export async function rollback(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[]): Promise<void> {
  const { newRS, old } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, true);
  const all = [...old, ...(newRS ? [newRS] : [])].sort(byRevision);
  let target = rollbackTo(d) ?? 0;
  if (target === 0) {
    target = all.length >= 2 ? revisionOf(all[all.length - 2]) : 0;
    if (target === 0) return giveUp(deps, d, 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
  }
  const rs = all.find((x) => revisionOf(x) === target);
  if (!rs) return giveUp(deps, d, 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
  if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) {
    return giveUp(deps, d, 'DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${d.metadata?.name}"`);
  }
  const template = structuredClone(rs.spec!.template) as PodTemplateSpec;
  delete template.metadata?.labels?.[POD_TEMPLATE_HASH];
  d.spec = { ...d.spec!, template };
  deps.recorder.event(d, 'Normal', 'DeploymentRollback', `Rolled back deployment "${d.metadata?.name}" to revision ${target}`);
  await clearAnnotation(deps, d);
}

async function giveUp(deps: DeploymentDeps, d: DeploymentObject, reason: string, message: string): Promise<void> {
  deps.recorder.event(d, 'Warning', reason, message);
  await clearAnnotation(deps, d);
}

/** Writes the deployment without the rollback annotation (and with the template when it was rolled back). */
async function clearAnnotation(deps: DeploymentDeps, d: DeploymentObject): Promise<void> {
  const ann = { ...(d.metadata?.annotations ?? {}) };
  delete ann[ROLLBACK_TO];
  d.metadata = { ...d.metadata, annotations: ann };
  await deps.client.update<DeploymentObject>(DEPLOYMENTS, d.metadata?.namespace ?? '', d);
}
