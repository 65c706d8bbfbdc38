/**
 * One sync of a DaemonSet key (upstream's syncDaemonSet): read from the listers (missing → forget expectations),
 * refuse a selector that selects everything, build the history, then — when the expectations are satisfied —
 * manage pods per node, roll, trim history; status is written on every sync.
 */
import { keyOf, splitKey } from '../../client/informer/interface.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS, PODS } from '../../client/resources.js';
import { labelSelectorAsSelector, type Selector } from '../../machinery/labels/index.js';
import { ControllerRefManager, recheckDeletionTimestamp, type SyncResult } from '../framework/index.js';
import { podsShouldBeOnNode, syncNodes, type NodePlan } from './manage.js';
import { nodeToDaemonPods } from './pods.js';
import { cleanupHistory, constructHistory, revisionHash } from './revisions.js';
import { rollingUpdate } from './rolling.js';
import { calculateStatus, storeStatus } from './status.js';
import { DAEMON_SET_GVK, type D, type DaemonSetDeps, type DaemonSetObject, type N, type P, type PodObject, type RevisionObject } from './types.js';

function refManager<T extends PodObject | RevisionObject>(d: DaemonSetDeps, ds: D, selector: Selector, resource: typeof PODS): ControllerRefManager<T> {
  const ns = ds.metadata?.namespace ?? '';
  const getFresh = () => d.client.get<DaemonSetObject>(DAEMON_SETS, ns, ds.metadata?.name ?? '');
  return new ControllerRefManager<T>({ client: d.client, resource, owner: ds, ownerGVK: DAEMON_SET_GVK, selector, canAdopt: recheckDeletionTimestamp(getFresh, ds) });
}

/** Creates and deletes per node, and deletes unbound pods meant for nodes that are gone. */
async function manage(d: DaemonSetDeps, ds: D, nodes: readonly N[], byNode: ReadonlyMap<string, P[]>, hash: string): Promise<void> {
  const plan: NodePlan = { create: [], delete: [] };
  for (const node of nodes) podsShouldBeOnNode(d, ds, node, byNode.get(node.metadata?.name ?? ''), hash, plan);
  const known = new Set(nodes.map((n) => n.metadata?.name));
  for (const [name, pods] of byNode) {
    // Bound pods of a deleted node are the pod GC's; unbound ones would never be scheduled.
    if (!known.has(name)) plan.delete.push(...pods.filter((p) => !p.spec?.nodeName && !p.metadata?.deletionTimestamp));
  }
  await syncNodes(d, ds, plan, hash);
}

async function update(d: DaemonSetDeps, ds: D, nodes: readonly N[], pods: readonly P[], hash: string): Promise<void> {
  await manage(d, ds, nodes, nodeToDaemonPods(pods), hash);
  if (!d.expectations.satisfiedExpectations(keyOf(ds))) return;
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    // Pods deleted by manage are still in `pods`; the rollout works from the next sync's view, as upstream's does.
    await rollingUpdate(d, ds, nodes, nodeToDaemonPods(pods), hash);
  }
}

export async function syncDaemonSet(d: DaemonSetDeps, key: string): Promise<SyncResult> {
  const { namespace, name } = splitKey(key);
  const ds = d.sets.get(namespace, name);
  if (!ds) {
    d.expectations.deleteExpectations(key);
    return;
  }
  let selector: Selector;
  try {
    selector = labelSelectorAsSelector(ds.spec?.selector);
  } catch {
    return;
  }
  const sel = ds.spec?.selector;
  if (Object.keys(sel?.matchLabels ?? {}).length === 0 && (sel?.matchExpressions ?? []).length === 0) {
    d.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
    return;
  }
  if (ds.metadata?.deletionTimestamp) return;
  const nodes = d.nodes.list();
  const revisions = await refManager<RevisionObject>(d, ds, selector, CONTROLLER_REVISIONS).claim(d.revisions.list(namespace));
  const history = await constructHistory(d, ds, revisions);
  const hash = revisionHash(history.current);
  const pods = await refManager<PodObject>(d, ds, selector, PODS).claim(d.pods.list(namespace));
  const satisfied = d.expectations.satisfiedExpectations(key);
  let err: unknown;
  if (satisfied) {
    try {
      await update(d, ds, nodes, pods, hash);
      await cleanupHistory(d, ds, pods, history);
    } catch (e) {
      err = e;
    }
  }
  const status = calculateStatus(ds, nodes, nodeToDaemonPods(pods), hash, d.clock.now());
  await storeStatus(d, ds, status, satisfied);
  if (err !== undefined) throw err;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && status.numberReady !== status.numberAvailable) return { requeueAfter: minReady * 1000 };
  return undefined;
}
