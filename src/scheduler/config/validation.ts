/**
 * Validation of a defaulted KubeSchedulerConfiguration (upstream's ValidateKubeSchedulerConfiguration): field
 * errors with the upstream wording, each naming its field (`profiles[1].schedulerName: Required value`). Plugin
 * existence, "does not extend" and "only one queue sort plugin" are checked when the frameworks are built, where the
 * registry is known (runtime/plugin-set.ts).
 */
import { duplicate, FieldPath, invalid, notSupported, required, type ErrorList } from '../../machinery/validation/field.js';
import { durationMs } from './duration.js';
import { EXTENSION_POINTS, type KubeSchedulerConfiguration, type KubeSchedulerProfile, type LeaderElectionConfiguration } from './types.js';

const RANGE_0_100 = 'not in valid range [0-100]';

function validatePercentage(path: FieldPath, v: number | undefined, errs: ErrorList): void {
  if (v !== undefined && (v < 0 || v > 100)) errs.push(invalid(path, v, RANGE_0_100));
}

function validateLeaderElection(path: FieldPath, le: LeaderElectionConfiguration, errs: ErrorList): void {
  if (!le.leaderElect) return;
  const ms: Record<string, number | undefined> = {};
  for (const f of ['leaseDuration', 'renewDeadline', 'retryPeriod'] as const) {
    ms[f] = durationMs(le[f]);
    if (ms[f] === undefined) errs.push(invalid(path.child(f), le[f], 'must be a duration such as "15s"'));
    else if (ms[f]! <= 0) errs.push(invalid(path.child(f), le[f], 'must be greater than zero'));
  }
  if (ms.leaseDuration! > 0 && ms.renewDeadline! > 0 && ms.leaseDuration! <= ms.renewDeadline!) {
    errs.push(invalid(path.child('leaseDuration'), le.leaseDuration, 'LeaseDuration must be greater than RenewDeadline'));
  }
  if (le.resourceLock !== 'leases') errs.push(notSupported(path.child('resourceLock'), le.resourceLock, ['leases']));
  if (!le.resourceName) errs.push(required(path.child('resourceName')));
  if (!le.resourceNamespace) errs.push(required(path.child('resourceNamespace')));
}

function validatePlugins(path: FieldPath, p: KubeSchedulerProfile, errs: ErrorList): void {
  for (const ep of [...EXTENSION_POINTS, 'multiPoint'] as const) {
    const set = p.plugins[ep];
    set.enabled.forEach((ref, i) => {
      const at = path.child(ep, 'enabled').index(i);
      if (!ref.name) errs.push(required(at.child('name')));
      if (ref.weight !== undefined && ref.weight < 0) errs.push(invalid(at.child('weight'), ref.weight, 'must be greater than or equal to 0'));
    });
    set.disabled.forEach((ref, i) => {
      if (!ref.name) errs.push(required(path.child(ep, 'disabled').index(i).child('name')));
    });
  }
}

function validateProfile(path: FieldPath, p: KubeSchedulerProfile, errs: ErrorList): void {
  if (!p.schedulerName) errs.push(required(path.child('schedulerName')));
  validatePercentage(path.child('percentageOfNodesToScore'), p.percentageOfNodesToScore, errs);
  validatePlugins(path.child('plugins'), p, errs);
  const seen = new Set<string>();
  p.pluginConfig.forEach((c, i) => {
    const at = path.child('pluginConfig').index(i);
    if (!c.name) errs.push(required(at.child('name')));
    else if (seen.has(c.name)) errs.push(duplicate(at, c.name));
    seen.add(c.name);
  });
}

/** Every profile must sort its queue the same way: there is one queue (upstream's validateCommonQueueSort). */
function validateCommonQueueSort(profiles: readonly KubeSchedulerProfile[], errs: ErrorList): void {
  const key = (p: KubeSchedulerProfile): string => {
    const names = p.plugins.queueSort.enabled.map((r) => r.name);
    const args = names.map((n) => p.pluginConfig.find((c) => c.name === n)?.args ?? null);
    return JSON.stringify([names, args]);
  };
  const first = profiles[0] && key(profiles[0]);
  profiles.slice(1).forEach((p, i) => {
    if (key(p) !== first) {
      errs.push(invalid(FieldPath.root('profiles').index(i + 1).child('plugins', 'queueSort'), p.plugins.queueSort, 'queueSort must be the same for all profiles'));
    }
  });
}

export function validateConfiguration(c: KubeSchedulerConfiguration): ErrorList {
  const errs: ErrorList = [];
  if (c.parallelism <= 0) errs.push(invalid(FieldPath.root('parallelism'), c.parallelism, 'should be an integer value greater than zero'));
  validatePercentage(FieldPath.root('percentageOfNodesToScore'), c.percentageOfNodesToScore, errs);
  if (c.podInitialBackoffSeconds <= 0) {
    errs.push(invalid(FieldPath.root('podInitialBackoffSeconds'), c.podInitialBackoffSeconds, 'must be greater than 0'));
  }
  if (c.podMaxBackoffSeconds < c.podInitialBackoffSeconds) {
    errs.push(invalid(FieldPath.root('podMaxBackoffSeconds'), c.podMaxBackoffSeconds, 'must be greater than or equal to PodInitialBackoffSeconds'));
  }
  validateLeaderElection(FieldPath.root('leaderElection'), c.leaderElection, errs);
  if (c.clientConnection.qps < 0) errs.push(invalid(FieldPath.root('clientConnection', 'qps'), c.clientConnection.qps, 'must be non-negative'));
  if (c.profiles.length === 0) errs.push(required(FieldPath.root('profiles')));
  const names = new Set<string>();
  c.profiles.forEach((p, i) => {
    const path = FieldPath.root('profiles').index(i);
    validateProfile(path, p, errs);
    if (p.schedulerName && names.has(p.schedulerName)) errs.push(duplicate(path.child('schedulerName'), p.schedulerName));
    names.add(p.schedulerName);
  });
  validateCommonQueueSort(c.profiles, errs);
  return errs;
}
