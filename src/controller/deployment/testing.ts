/** Deployment fixtures for the tests: objects, a cache refresh from the fake client, and a replica-set simulator. */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../client/interface.js';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../../client/resources.js';
import { T0, type Harness } from '../replicaset/testing.js';
import { newControllerRef } from '../framework/index.js';
import { computeHash } from './hash.js';
import { DEPLOYMENT_GVK, DESIRED_REPLICAS, MAX_REPLICAS, POD_TEMPLATE_HASH, REVISION, type DeploymentObject, type ReplicaSetObject } from './types.js';

export const template = (image: string, extra: Record<string, string> = {}): PodTemplateSpec => ({
  metadata: { labels: { app: 'web' }, ...(Object.keys(extra).length ? { annotations: extra } : {}) },
  spec: { containers: [{ name: 'main', image }] },
});

export function newDeployment(replicas: number, image = 'nginx:2', over: Partial<DeploymentObject['spec']> = {}): DeploymentObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-deploy', generation: 1, creationTimestamp: T0 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: template(image),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...over,
    },
  } as DeploymentObject;
}

/** A replica set of the deployment for `image`, `replicas` all available, at `revision`. */
export function ownedReplicaSet(d: DeploymentObject, image: string, replicas: number, revision: number, created = T0, desired = d.spec?.replicas ?? 1, max = desired): ReplicaSetObject {
  const t = template(image);
  const hash = computeHash(t);
  t.metadata!.labels = { ...t.metadata!.labels, [POD_TEMPLATE_HASH]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`,
      namespace: 'default',
      uid: `uid-rs-${image}`,
      generation: 1,
      creationTimestamp: created,
      labels: t.metadata!.labels,
      annotations: { [REVISION]: String(revision), [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) },
      ownerReferences: [newControllerRef(d, DEPLOYMENT_GVK)],
    },
    spec: { replicas, selector: { matchLabels: { app: 'web', [POD_TEMPLATE_HASH]: hash } }, template: t },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  } as ReplicaSetObject;
}

/** Makes the informer caches equal to the fake client's objects (adds, updates and deletes). */
export function refresh(h: Harness): void {
  for (const ref of [DEPLOYMENTS, REPLICA_SETS, PODS]) {
    const inf = h.informers.informerFor(ref);
    const stored = h.client.tracker.list(ref, '');
    const keep = new Set(stored.map((o) => o.metadata?.name));
    for (const o of inf.lister.list()) if (!keep.has(o.metadata?.name)) inf.apply('DELETED', structuredClone(o) as KubeObject);
    for (const o of stored) inf.apply('MODIFIED', structuredClone(o));
  }
}

/**
 * The replica set controller and kubelets in one step: every set reports spec.replicas pods, all available
 * (or none available for sets whose name is in `unavailable`).
 */
export function simulateReplicaSets(h: Harness, unavailable: (name: string) => boolean = () => false): void {
  for (const rs of h.client.tracker.list(REPLICA_SETS, 'default') as ReplicaSetObject[]) {
    const n = rs.spec?.replicas ?? 0;
    const avail = unavailable(rs.metadata?.name ?? '') ? 0 : n;
    const status = { replicas: n, readyReplicas: avail, availableReplicas: avail, observedGeneration: rs.metadata?.generation };
    h.client.tracker.update(REPLICA_SETS, 'default', { ...rs, status } as KubeObject, 'status');
  }
  refresh(h);
}

/** [new, old…] sizes by image, from the fake client. */
export function sizes(h: Harness): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rs of h.client.tracker.list(REPLICA_SETS, 'default') as ReplicaSetObject[]) {
    out[rs.spec?.template?.spec?.containers[0]?.image ?? ''] = rs.spec?.replicas ?? 0;
  }
  return out;
}
