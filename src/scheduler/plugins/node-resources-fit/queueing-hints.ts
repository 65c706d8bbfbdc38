/**
 * When a pod that NodeResourcesFit rejected may fit again (upstream's queueing hints): a scheduled pod deleted or
 * scaled down so that it frees something the pod requests, a node added that could hold the pod, or a node whose
 * allocatable grew in a resource the pod requests. Delete events carry the deleted object as oldObj and no newObj.
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import type { QueueingHint } from '../../framework/interface.js';
import { NodeInfo, podResourceRequests, type P, type Resource } from '../../framework/types.js';
import { computePodFitRequest, fitsRequest, type IgnoredResources } from './fits.js';
import { isScalarResourceName } from './resource-names.js';

export function isSchedulableAfterPodEvent(pod: P, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as P | undefined;
  const modified = newObj as P | undefined;
  if (!modified) return original?.spec?.nodeName ? 'Queue' : 'QueueSkip';
  if (!original) return 'Queue';
  return isSchedulableAfterPodScaleDown(pod, original, modified) ? 'Queue' : 'QueueSkip';
}

/** The target pod itself shrank, or a scheduled pod gave back some of a resource the target pod requests. */
function isSchedulableAfterPodScaleDown(target: P, original: P, modified: P): boolean {
  if (modified.metadata?.uid === target.metadata?.uid) return true;
  if (!modified.spec?.nodeName) return false;
  const before = podResourceRequests(original).exact;
  const after = podResourceRequests(modified).exact;
  const wanted = podResourceRequests(target).exact;
  const shrank = (name: string): boolean => wanted.get(name) !== 0 && before.get(name) > after.get(name);
  if (shrank('cpu') || shrank('memory') || shrank('ephemeral-storage')) return true;
  for (const [name, q] of wanted.scalar) if (q !== 0 && isScalarResourceName(name) && (before.scalar.get(name) ?? 0) > (after.scalar.get(name) ?? 0)) return true;
  return false;
}

export function isSchedulableAfterNodeChange(pod: P, oldObj: unknown, newObj: unknown, ign: IgnoredResources): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node | undefined;
  if (!modified) return 'Queue';
  // Even empty, the node could not take the pod.
  if (fitsRequest(computePodFitRequest(pod, ign), new NodeInfo(modified)).length > 0) return 'QueueSkip';
  if (!original) return 'Queue';
  return haveAnyRequestedResourcesIncreased(pod, original, modified) ? 'Queue' : 'QueueSkip';
}

function haveAnyRequestedResourcesIncreased(pod: P, original: Node, modified: Node): boolean {
  const before = new NodeInfo(original).allocatable;
  const after = new NodeInfo(modified).allocatable;
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  const req: Resource = podResourceRequests(pod).exact;
  const grew = (name: string): boolean => req.get(name) > 0 && after.get(name) > before.get(name);
  if (grew('cpu') || grew('memory') || grew('ephemeral-storage')) return true;
  for (const [name, q] of req.scalar) if (q !== 0 && (after.scalar.get(name) ?? 0) > (before.scalar.get(name) ?? 0)) return true;
  return false;
}
