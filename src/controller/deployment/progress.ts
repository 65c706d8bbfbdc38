/**
 * The rollout's status and progress (upstream's syncRolloutStatus): Progressing moves to ReplicaSetUpdated while
 * anything moves, NewReplicaSetAvailable when complete, ProgressDeadlineExceeded once nothing moved for
 * progressDeadlineSeconds. While waiting for that deadline the deployment is requeued for the moment it falls due.
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  removeCondition,
  setCondition,
} from './conditions.js';
import { calculateStatus, sameStatus, writeStatus } from './status.js';
import { NEW_RS_AVAILABLE, RS_UPDATED, TIMED_OUT, type DeploymentDeps, type DeploymentObject, type RS } from './types.js';

const subject = (d: Readonly<DeploymentObject>, newRS: RS | undefined): string =>
  newRS ? `ReplicaSet "${newRS.metadata?.name}"` : `Deployment "${d.metadata?.name}"`;

function progressCondition(deps: DeploymentDeps, d: Readonly<DeploymentObject>, newRS: RS | undefined, s: DeploymentStatus): void {
  const who = subject(d, newRS);
  if (deploymentComplete(d, s)) {
    setCondition(s, newCondition(deps.clock, 'Progressing', 'True', NEW_RS_AVAILABLE, `${who} has successfully progressed.`));
  } else if (deploymentProgressing(d, s)) {
    const c = newCondition(deps.clock, 'Progressing', 'True', RS_UPDATED, `${who} is progressing.`);
    const cur = getCondition(s, 'Progressing');
    // Progress refreshes lastUpdateTime (the deadline counts from it) but keeps the transition time.
    if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
    removeCondition(s, 'Progressing');
    setCondition(s, c);
  } else if (deploymentTimedOut(d, s, deps.clock)) {
    setCondition(s, newCondition(deps.clock, 'Progressing', 'False', TIMED_OUT, `${who} has timed out progressing.`));
  }
}

/** ReplicaFailure of the newest set that has one, copied onto the deployment. */
function replicaFailure(all: readonly (RS | undefined)[], newRS: RS | undefined) {
  for (const rs of [newRS, ...all]) {
    const c = rs?.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c) return c;
  }
  return undefined;
}

export async function syncRolloutStatus(deps: DeploymentDeps, all: readonly (RS | undefined)[], newRS: RS | undefined, d: DeploymentObject): Promise<void> {
  const s = calculateStatus(deps, all, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const cur = getCondition(d.status, 'Progressing');
  const complete = s.replicas === s.updatedReplicas && cur?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !complete) progressCondition(deps, d, newRS, s);
  const failure = replicaFailure(all, newRS);
  if (failure) setCondition(s, { ...failure, lastUpdateTime: failure.lastTransitionTime });
  else removeCondition(s, 'ReplicaFailure');
  if (s.conditions?.length === 0) delete s.conditions;
  if (sameStatus(d.status, s)) {
    requeueStuck(deps, d, s);
    return;
  }
  d.status = s;
  await writeStatus(deps, d);
}

/** Requeue when the progress deadline falls due (upstream's requeueStuckDeployment). */
function requeueStuck(deps: DeploymentDeps, d: Readonly<DeploymentObject>, s: DeploymentStatus): void {
  const c = getCondition(s, 'Progressing');
  if (!hasProgressDeadline(d) || !c || deploymentComplete(d, s) || c.reason === TIMED_OUT) return;
  const due = Date.parse(c.lastUpdateTime ?? '') + d.spec!.progressDeadlineSeconds! * 1000 - deps.clock.now().getTime();
  if (due < 1000) deps.enqueueRateLimited(d);
  else deps.enqueueAfter(d, due);
}
