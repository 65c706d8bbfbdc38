/**
 * SchedulingGates (upstream's PreEnqueue plugin): a pod with spec.schedulingGates stays out of activeQ until every
 * gate is removed. The gates can only be removed (never added back), so the update that empties them is the only
 * event that can let the pod in.
 */
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type PreEnqueuePlugin,
  type QueueingHint,
} from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import type { P } from '../../framework/types.js';

export const NAME = 'SchedulingGates';

export class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = NAME;

  preEnqueue(pod: P): Status {
    const gates = pod.spec?.schedulingGates;
    if (!gates || gates.length === 0) return Status.success();
    // Upstream formats the gate names with Go's %v of a []string: "[a b]".
    return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated },
        queueingHint: isSchedulableAfterGatesEliminated,
      },
    ];
  }
}

/** Only the gated pod's own update can let it in. */
export function isSchedulableAfterGatesEliminated(pod: P, _oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as P | undefined;
  return modified?.metadata?.uid === pod.metadata?.uid ? 'Queue' : 'QueueSkip';
}
