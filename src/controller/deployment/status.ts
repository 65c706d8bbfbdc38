/**
 * The deployment's status (upstream's calculateStatus) and how it is written: the revision annotation is metadata,
 * so it goes through a merge patch of the deployment, then status through the status subresource.
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { DEPLOYMENTS } from '../../client/resources.js';
import { newCondition, setCondition } from './conditions.js';
import { maxUnavailable } from './replicas.js';
import { sumReplicas, sumStatus } from './replicasets.js';
import { MIN_AVAILABLE, MIN_UNAVAILABLE, REVISION, specReplicas, type DeploymentDeps, type DeploymentObject, type RS } from './types.js';

export function calculateStatus(deps: DeploymentDeps, all: readonly (RS | undefined)[], newRS: RS | undefined, d: Readonly<DeploymentObject>): DeploymentStatus {
  const available = sumStatus(all, 'availableReplicas');
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: sumStatus([newRS], 'replicas'),
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumReplicas(all) - available),
    conditions: structuredClone(d.status?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const ok = available >= specReplicas(d) - maxUnavailable(d);
  setCondition(
    status,
    ok
      ? newCondition(deps.clock, 'Available', 'True', MIN_AVAILABLE, 'Deployment has minimum availability.')
      : newCondition(deps.clock, 'Available', 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.'),
  );
  return status;
}

export const sameStatus = (a: Readonly<DeploymentStatus> | undefined, b: Readonly<DeploymentStatus>): boolean =>
  JSON.stringify(normalize(a ?? {})) === JSON.stringify(normalize(b));

const KEYS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'] as const;
const normalize = (s: Readonly<DeploymentStatus>): unknown[] => [...KEYS.map((k) => s[k] ?? 0), s.conditions ?? []];

/** Sets the revision annotation on the deployment (a metadata patch); true when it changed. d is updated in place. */
export async function writeRevision(deps: DeploymentDeps, d: DeploymentObject, revision: string): Promise<boolean> {
  if (d.metadata?.annotations?.[REVISION] === revision) return false;
  const patch = { metadata: { annotations: { [REVISION]: revision }, resourceVersion: d.metadata?.resourceVersion } };
  const stored = await deps.client.patch<DeploymentObject>(DEPLOYMENTS, d.metadata?.namespace ?? '', d.metadata?.name ?? '', 'merge', patch);
  d.metadata = { ...d.metadata, annotations: { ...(d.metadata?.annotations ?? {}), [REVISION]: revision }, resourceVersion: stored.metadata?.resourceVersion };
  return true;
}

/** PUT the working copy's status; the working copy takes the new resourceVersion so later writes in this sync chain. */
export async function writeStatus(deps: DeploymentDeps, d: DeploymentObject): Promise<void> {
  const stored = await deps.client.update<DeploymentObject>(DEPLOYMENTS, d.metadata?.namespace ?? '', d, { subresource: 'status' });
  d.metadata = { ...d.metadata, resourceVersion: stored.metadata?.resourceVersion };
}
