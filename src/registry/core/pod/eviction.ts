/**
 * The pods/eviction subresource (upstream's EvictionREST): a delete that honours the pod's PodDisruptionBudget.
 *  - A pod that is Succeeded, Failed, Pending or already being deleted is deleted without looking at budgets.
 *  - More than one matching budget → 500 (upstream does not support it); none → delete.
 *  - One budget: not yet observed by the disruption controller (status.observedGeneration < generation) → 429;
 *    negative disruptionsAllowed → 403; an unready pod is let go without spending the budget when the budget is
 *    healthy (unhealthyPodEvictionPolicy IfHealthyBudget, the default) or always (AlwaysAllow); otherwise
 *    disruptionsAllowed 0 → 429 "Cannot evict pod as it would violate the pod's disruption budget." with a
 *    DisruptionBudget cause, else the budget's status is decremented and the pod recorded in disruptedPods (one
 *    compare-and-swap, retried on conflict) before the pod is deleted.
 * The pod gets the DisruptionTarget condition (reason EvictionByEvictionAPI) before the delete, as upstream.
 * Budgets whose selector is empty match nothing here, as in upstream's eviction path.
 */
import { newBadRequest, newForbidden, newInternalError, newTooManyRequests, successStatus } from '../../../machinery/errors/status.js';
import { isEmptySelector, selectorMatches } from '../../../machinery/validation/label-selector.js';
import type { SubresourceHandler } from '../../../apiserver/handlers/types.js';
import { readRequestObject } from '../../../apiserver/handlers/decode.js';
import { deleteObject } from '../../../apiserver/registry/generic/delete.js';
import { listObjects } from '../../../apiserver/registry/generic/list.js';
import { rfc3339 } from '../../../apiserver/registry/generic/codec.js';
import type { GenericRegistry } from '../../../apiserver/registry/generic/registry.js';
import type { KObject, OperationContext } from '../../../apiserver/registry/resource.js';
import { writeJson } from '../../../apiserver/response/write.js';

const EVICTION_GVK = { group: 'policy', version: 'v1', kind: 'Eviction' };
const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";
/** Upstream's MaxDisruptedPodSize: evictions the disruption controller has not confirmed yet. */
const MAX_DISRUPTED_PODS = 2000;

type Obj = KObject & Record<string, any>;

const canIgnoreBudget = (pod: Obj): boolean =>
  ['Succeeded', 'Failed', 'Pending'].includes(pod.status?.phase) || Boolean(pod.metadata?.deletionTimestamp);

const isReady = (pod: Obj): boolean => (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');

function tooManyRequests(cause: string): Error {
  const err = newTooManyRequests(VIOLATION, 0);
  err.status.details = { ...err.status.details, causes: [{ reason: 'DisruptionBudget', message: cause }] };
  return err;
}

async function matchingBudgets(pdbs: GenericRegistry, pod: Obj): Promise<Obj[]> {
  const { items } = await listObjects(pdbs, pod.metadata.namespace, {});
  return (items as Obj[]).filter((b) => !isEmptySelector(b.spec?.selector) && selectorMatches(b.spec?.selector, pod.metadata.labels));
}

/**
 * Spends one disruption of `budget` on `pod` (CAS on the budget's status, re-checked on every attempt); returns
 * without spending when the pod may go anyway. Throws 429/403 when the budget forbids the eviction.
 */
async function spendBudget(pdbs: GenericRegistry, budget: Obj, pod: Obj, now: string, ctx: OperationContext): Promise<void> {
  await pdbs.rawUpdate(budget.metadata.namespace, budget.metadata.name, ctx, (b: Obj) => {
    const st = b.status ?? {};
    if ((st.observedGeneration ?? 0) < (b.metadata.generation ?? 0)) {
      throw tooManyRequests(`The disruption budget ${b.metadata.name} is still being processed by the server.`);
    }
    const allowed: number = st.disruptionsAllowed ?? 0;
    if (allowed < 0) throw newForbidden(pdbs.gr, b.metadata.name, 'pdb disruptions allowed is negative');
    if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) {
      throw newForbidden(pdbs.gr, b.metadata.name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
    }
    if (!isReady(pod)) {
      const policy = b.spec?.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget';
      if (policy === 'AlwaysAllow' || (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0)) return b;
    }
    if (allowed === 0) {
      throw tooManyRequests(`The disruption budget ${b.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
    }
    b.status = { ...st, disruptionsAllowed: allowed - 1, disruptedPods: { ...(st.disruptedPods ?? {}), [pod.metadata.name]: now } };
    return b;
  });
}

/** The DisruptionTarget condition, as upstream adds it before the delete. */
async function markDisruptionTarget(pods: GenericRegistry, pod: Obj, now: string, ctx: OperationContext): Promise<void> {
  if (['Succeeded', 'Failed'].includes(pod.status?.phase)) return;
  await pods.rawUpdate(pod.metadata.namespace, pod.metadata.name, ctx, (p: Obj) => {
    const conditions = (p.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget');
    conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastTransitionTime: now, lastProbeTime: null });
    p.status = { ...(p.status ?? {}), conditions };
    return p;
  });
}

export const evictPod: SubresourceHandler = async (r) => {
  if (r.info.verb !== 'create') throw newBadRequest('pods/eviction accepts only POST');
  const eviction = await readRequestObject(r, EVICTION_GVK);
  const pod = (await r.registry.get(r.info.namespace, r.info.name)) as Obj;
  const now = rfc3339(r.services.clock.now());
  if (!canIgnoreBudget(pod)) {
    const pdbs = r.services.registryFor('policy', 'poddisruptionbudgets');
    if (!pdbs) throw newInternalError(new Error('the poddisruptionbudgets resource is not served'));
    const budgets = await matchingBudgets(pdbs, pod);
    if (budgets.length > 1) throw newInternalError(new Error('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'));
    if (budgets.length === 1) await spendBudget(pdbs, budgets[0]!, pod, now, r.ctx);
  }
  await markDisruptionTarget(r.registry, pod, now, r.ctx);
  await deleteObject(r.registry, r.info.namespace, r.info.name, eviction.deleteOptions ?? {}, r.ctx);
  writeJson(r.res, 201, successStatus());
};
