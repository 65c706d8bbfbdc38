/**
 * What a pod update may change (upstream's ValidatePodUpdate): container and init-container images, a shorter
 * activeDeadlineSeconds, added tolerations, removed scheduling gates, and terminationGracePeriodSeconds from a
 * negative value to 1. Everything else in `spec` is immutable; the error lists the fields that differ.
 */
import type { Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { FieldPath, forbidden, invalid, type ErrorList } from '../../../machinery/validation/field.js';
import { deepEqual } from '../../../machinery/validation/numeric.js';
import { validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';
import { validatePod } from './pod-validation.js';

export const POD_UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const tolerationKey = (t: Toleration): string =>
  JSON.stringify([t.key ?? '', t.operator ?? 'Equal', t.value ?? '', t.effect ?? '']);

/** Old tolerations must remain; a NoExecute toleration's seconds may only shrink. */
function validateOnlyAddedTolerations(next: Toleration[] = [], prev: Toleration[] = [], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  for (const old of prev) {
    const match = next.find((t) => tolerationKey(t) === tolerationKey(old));
    if (!match) {
      errs.push(forbidden(path, `existing toleration can not be modified except its tolerationSeconds`));
      continue;
    }
    const secs = match.tolerationSeconds;
    if (old.tolerationSeconds !== undefined && (secs === undefined || secs > old.tolerationSeconds)) {
      errs.push(forbidden(path, 'existing toleration can not be modified except its tolerationSeconds'));
    }
  }
  return errs;
}

function validateActiveDeadline(next: number | undefined, prev: number | undefined, path: FieldPath): ErrorList {
  if (prev === undefined) return [];
  if (next === undefined) return [invalid(path, null, 'must not update from a positive integer to nil value')];
  return next > prev ? [invalid(path, next, 'must be less than or equal to previous value')] : [];
}

function validateSchedulingGates(next: PodSpec, prev: PodSpec, path: FieldPath): ErrorList {
  const old = new Set((prev.schedulingGates ?? []).map((g) => g.name));
  return (next.schedulingGates ?? [])
    .filter((g) => !old.has(g.name))
    .map((g) => forbidden(path, `only deletion is allowed, but found new scheduling gate '${g.name}'`));
}

/** A copy of `next` with every field an update may change taken from `prev`. */
function mungeUpdatable(next: PodSpec, prev: PodSpec): PodSpec {
  const munged = structuredClone(next);
  const copyImages = (a: { image?: string }[] | undefined, b: { image?: string }[] | undefined): void => {
    if (a && b && a.length === b.length) a.forEach((c, i) => (c.image = b[i]!.image));
  };
  copyImages(munged.containers, prev.containers);
  copyImages(munged.initContainers, prev.initContainers);
  munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  munged.tolerations = prev.tolerations;
  munged.schedulingGates = prev.schedulingGates;
  munged.ephemeralContainers = prev.ephemeralContainers;
  const oldGrace = prev.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  return munged;
}

/** Lines `path: old → new` for every leaf that differs, in the spirit of upstream's spec diff. */
export function specDiff(a: unknown, b: unknown, prefix = ''): string[] {
  if (deepEqual(a, b)) return [];
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return [`${prefix || '.'}: ${JSON.stringify(a) ?? 'null'} → ${JSON.stringify(b) ?? 'null'}`];
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
  const child = (k: string): string => (Array.isArray(a) ? `${prefix}[${k}]` : prefix ? `${prefix}.${k}` : k);
  return keys.flatMap((k) => specDiff(ao[k], bo[k], child(k)));
}

export function validatePodSpecUpdate(next: PodSpec, prev: PodSpec, path: FieldPath): ErrorList {
  const errs = [
    ...validateActiveDeadline(next.activeDeadlineSeconds, prev.activeDeadlineSeconds, path.child('activeDeadlineSeconds')),
    ...validateOnlyAddedTolerations(next.tolerations, prev.tolerations, path.child('tolerations')),
    ...validateSchedulingGates(next, prev, path.child('schedulingGates')),
  ];
  const munged = mungeUpdatable(next, prev);
  if (!deepEqual(munged, prev)) {
    const diff = specDiff(prev, munged).map((l) => `  ${l}`).join('\n');
    errs.push(forbidden(path, `pod updates may not change fields other than ${POD_UPDATABLE_FIELDS.join(',')}\n${diff}`));
  }
  return errs;
}

export function validatePodUpdate(next: Pod, prev: Pod): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }),
    ...validatePod(next).filter((e) => !e.field.startsWith('metadata')),
    ...validatePodSpecUpdate(next.spec ?? { containers: [] }, prev.spec ?? { containers: [] }, FieldPath.root('spec')),
  ];
}
