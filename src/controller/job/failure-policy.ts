/**
 * podFailurePolicy: the first rule that matches a failed pod decides what its failure means — FailJob (the job
 * fails at once), Ignore (not counted towards backoffLimit), Count (the default handling). Rules match on the
 * exit codes of terminated containers (exit code 0 never matches) or on pod conditions (e.g. DisruptionTarget).
 */
import type { Job, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyRule } from 'kubernetes-types/batch/v1.js';
import type { ContainerStatus } from 'kubernetes-types/core/v1.js';
import type { ReadonlyPod } from './pod-state.js';

export type FailureAction = 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';

export interface FailurePolicyMatch {
  action: FailureAction;
  /** For FailJob: the message of the job's failure, as upstream words it. */
  message?: string;
}

function exitCodeMatches(req: PodFailurePolicyOnExitCodesRequirement, code: number): boolean {
  const inValues = req.values.includes(code);
  return req.operator === 'In' ? inValues : req.operator === 'NotIn' ? !inValues : false;
}

function matchExitCodes(pod: ReadonlyPod, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.find((cs) => {
    const code = cs.state?.terminated?.exitCode;
    if (code === undefined || code === 0) return false;
    if (req.containerName && req.containerName !== cs.name) return false;
    return exitCodeMatches(req, code);
  });
}

function matchRule(pod: ReadonlyPod, rule: PodFailurePolicyRule, index: number): FailurePolicyMatch | undefined {
  const action = rule.action as FailureAction;
  const who = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  if (rule.onExitCodes) {
    const cs = matchExitCodes(pod, rule.onExitCodes);
    if (!cs) return undefined;
    const message = `Container ${cs.name} for pod ${who} failed with exit code ${cs.state?.terminated?.exitCode} matching ${action} rule at index ${index}`;
    return { action, message };
  }
  for (const pattern of rule.onPodConditions ?? []) {
    const want = pattern.status ?? 'True';
    if (pod.status?.conditions?.some((c) => c.type === pattern.type && c.status === want)) {
      return { action, message: `Pod ${who} has condition ${pattern.type} matching ${action} rule at index ${index}` };
    }
  }
  return undefined;
}

/** The decision for a failed pod; Count when the job has no policy or no rule matches. */
export function matchPodFailurePolicy(job: Readonly<Job>, pod: ReadonlyPod): FailurePolicyMatch {
  const rules = job.spec?.podFailurePolicy?.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const m = matchRule(pod, rules[i]!, i);
    if (m) return m;
  }
  return { action: 'Count' };
}
