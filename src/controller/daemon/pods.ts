/**
 * Daemon pods: the node a pod is meant for (spec.nodeName, or the matchFields metadata.name term the controller
 * writes), the pods grouped by that node, whether a pod is at the current revision, and the pod made for a node.
 *
 * Pods are created unbound with node affinity `metadata.name In [<node>]`, as upstream, and the scheduler binds
 * them. Until k8ts has a scheduler nothing binds them: a binder (the lead's, or a benchmark's trivial one) must set
 * spec.nodeName from that term. Nothing here depends on them being bound.
 */
import type { Affinity, PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { newControllerRef } from '../framework/index.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/revisions.js';
import { addDaemonPodTolerations } from './tolerations.js';
import { DAEMON_SET_GVK, TEMPLATE_GENERATION_ANNOTATION, TEMPLATE_GENERATION_LABEL, type D, type P, type PodObject } from './types.js';

/** upstream's GetTargetNodeName: nodeName, else the single value of a metadata.name In requirement. */
export function targetNodeName(p: P): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** The claimed pods by the node they are meant for (pods meant for no node are left out). */
export function nodeToDaemonPods(pods: readonly P[]): Map<string, P[]> {
  const out = new Map<string, P[]>();
  for (const p of pods) {
    const node = targetNodeName(p);
    if (node === undefined) continue;
    const list = out.get(node) ?? [];
    list.push(p);
    out.set(node, list);
  }
  return out;
}

/** Bound pods first, then oldest first, then by name (upstream's podByCreationTimestampAndPhase). */
export function byCreationTimestampAndPhase(a: P, b: P): number {
  const [ab, bb] = [!!a.spec?.nodeName, !!b.spec?.nodeName];
  if (ab !== bb) return ab ? -1 : 1;
  const [at, bt] = [Date.parse(a.metadata?.creationTimestamp ?? ''), Date.parse(b.metadata?.creationTimestamp ?? '')];
  if (at !== bt) return at - bt;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

export const templateGeneration = (ds: D): string | undefined => ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];

/** At the current revision: the hash label matches, or the deprecated template-generation label does. */
export function isPodUpdated(p: P, hash: string, generation: string | undefined): boolean {
  const labels = p.metadata?.labels ?? {};
  return (hash !== '' && labels[CONTROLLER_REVISION_HASH_LABEL] === hash) ||
    (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation);
}

/** Pins a pod to `node` through required node affinity, replacing any required terms (upstream's Replace…). */
export function withNodeNameAffinity(affinity: Affinity | undefined, node: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
  const out = structuredClone(affinity ?? {});
  out.nodeAffinity = { ...out.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required };
  return out;
}

/** The pod for `node`: the template with the daemon tolerations, the revision labels and the node affinity. */
export function newDaemonPod(ds: D, hash: string, node: string): PodObject {
  const t = structuredClone(ds.spec?.template ?? {});
  const spec: PodSpec = t.spec ?? { containers: [] };
  addDaemonPodTolerations(spec);
  spec.affinity = withNodeNameAffinity(spec.affinity, node);
  const labels: Record<string, string> = { ...t.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  const meta: ObjectMeta = {
    generateName: `${ds.metadata?.name}-`, namespace: ds.metadata?.namespace, labels,
    ownerReferences: [newControllerRef(ds, DAEMON_SET_GVK)],
  };
  if (t.metadata?.annotations) meta.annotations = t.metadata.annotations;
  if (t.metadata?.finalizers) meta.finalizers = t.metadata.finalizers;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta as PodObject['metadata'], spec };
}
