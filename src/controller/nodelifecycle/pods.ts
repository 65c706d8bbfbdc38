/**
 * Upstream's MarkPodsNotReady: when the controller finds a node unhealthy, the pods bound to it can no longer be
 * trusted to serve, so their Ready condition goes False (endpoints drop them) and each gets a NodeNotReady event.
 */
import type { Client } from '../../client/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { PODS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { EVENT_NODE_NOT_READY, timeString, type PodObject } from './types.js';

/** The pod with Ready set False, or undefined when it is not Ready=True now. */
export function notReadyPod(pod: Readonly<PodObject>, now: Date): PodObject | undefined {
  const i = pod.status?.conditions?.findIndex((c) => c.type === 'Ready') ?? -1;
  if (i < 0 || pod.status!.conditions![i]!.status !== 'True') return undefined;
  const next = structuredClone(pod) as PodObject;
  Object.assign(next.status!.conditions![i]!, { status: 'False', lastTransitionTime: timeString(now) });
  return next;
}

/** Marks every Ready pod bound to `nodeName` not ready through the status subresource; the first error is thrown after trying all. */
export async function markPodsNotReady(
  client: Client,
  recorder: EventRecorder,
  pods: readonly Readonly<PodObject>[],
  nodeName: string,
  now: Date,
): Promise<void> {
  let failure: unknown;
  for (const pod of pods) {
    if (pod.spec?.nodeName !== nodeName) continue;
    const next = notReadyPod(pod, now);
    if (!next) continue;
    try {
      await client.update(PODS, pod.metadata?.namespace ?? '', next, { subresource: 'status' });
      recorder.event(pod, 'Warning', EVENT_NODE_NOT_READY, 'Node is not ready');
    } catch (err) {
      if (!isNotFoundStatus(err)) failure ??= err;
    }
  }
  if (failure !== undefined) throw failure;
}
