/**
 * The pod template of a workload controller (ReplicationController, ReplicaSet, Deployment, StatefulSet,
 * DaemonSet): the selector must select the template's labels, the restart policy must be Always, and
 * activeDeadlineSeconds is not supported.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { forbidden, invalid, notSupported, type ErrorList, type FieldPath } from '../../../machinery/validation/field.js';
import { validatePodTemplateSpec } from './pod-validation.js';

export interface WorkloadTemplateRules {
  /** The kind named in messages: `activeDeadlineSeconds in ReplicaSet is not Supported`. */
  kind: string;
  /** Whether the selector selects these labels; omitted when the selector is validated elsewhere. */
  selects?: (labels: Record<string, string>) => boolean;
  /** Restart policies allowed (default ["Always"]). */
  restartPolicies?: string[];
}

export function validateWorkloadTemplate(t: PodTemplateSpec | undefined, rules: WorkloadTemplateRules, path: FieldPath): ErrorList {
  const errs = validatePodTemplateSpec(t, path);
  if (!t) return errs;
  const labels = t.metadata?.labels ?? {};
  if (rules.selects && !rules.selects(labels)) {
    errs.push(invalid(path.child('metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  const allowed = rules.restartPolicies ?? ['Always'];
  const rp = t.spec?.restartPolicy;
  if (rp && !allowed.includes(rp)) errs.push(notSupported(path.child('spec', 'restartPolicy'), rp, allowed));
  if (t.spec?.activeDeadlineSeconds !== undefined && allowed.includes('Always')) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${rules.kind} is not Supported`));
  }
  return errs;
}
