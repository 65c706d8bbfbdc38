/**
 * PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1). defaultingType System (the v1 default) applies the
 * built-in cluster constraints below to pods without constraints of their own; List applies `defaultConstraints`
 * (which must then carry no labelSelector: the selector is derived per pod from its Services and controllers).
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import {
  duplicate,
  errorMessage,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
  type ErrorList,
} from '../../../machinery/validation/field.js';
import { isQualifiedName } from '../../../machinery/validation/names.js';

export type DefaultingType = 'System' | 'List';

export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraint[];
  defaultingType?: DefaultingType;
}

export type DefaultedPodTopologySpreadArgs = Required<PodTopologySpreadArgs>;

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** Upstream's systemDefaultConstraints: soft spreading over hosts (skew 3) and zones (skew 5). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]);

/** Upstream's SetDefaults_PodTopologySpreadArgs: defaultingType defaults to System. */
export function defaultPodTopologySpreadArgs(args: PodTopologySpreadArgs | undefined): DefaultedPodTopologySpreadArgs {
  return { defaultConstraints: args?.defaultConstraints ?? [], defaultingType: args?.defaultingType ?? 'System' };
}

const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];

function validateConstraint(c: TopologySpreadConstraint, i: number, all: readonly TopologySpreadConstraint[], path: FieldPath): ErrorList {
  const p = path.index(i);
  const errs: ErrorList = [];
  if (!(c.maxSkew > 0)) errs.push(invalid(p.child('maxSkew'), c.maxSkew, 'not in valid range (0, inf)'));
  if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
  else for (const m of isQualifiedName(c.topologyKey)) errs.push(invalid(p.child('topologyKey'), c.topologyKey, m));
  if (!c.whenUnsatisfiable) errs.push(required(p.child('whenUnsatisfiable'), 'can not be empty'));
  else if (!ACTIONS.includes(c.whenUnsatisfiable)) errs.push(notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable, ACTIONS));
  if (c.labelSelector) errs.push(forbidden(p.child('labelSelector'), 'constraint must not define a selector, as they deduced for each pod'));
  const first = all.findIndex((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
  if (first < i) errs.push(duplicate(p, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
  return errs;
}

/** Upstream's ValidatePodTopologySpreadArgs: messages `field: Type: value: detail`, empty when valid. */
export function validatePodTopologySpreadArgs(args: DefaultedPodTopologySpreadArgs): string[] {
  const errs: ErrorList = [];
  const typePath = FieldPath.root('defaultingType');
  if (args.defaultingType !== 'System' && args.defaultingType !== 'List') {
    errs.push(notSupported(typePath, args.defaultingType, ['List', 'System']));
  } else if (args.defaultingType === 'System' && args.defaultConstraints.length > 0) {
    errs.push(invalid(typePath, args.defaultingType, 'when .defaultConstraints are not empty'));
  }
  const path = FieldPath.root('defaultConstraints');
  args.defaultConstraints.forEach((c, i) => errs.push(...validateConstraint(c, i, args.defaultConstraints, path)));
  return errs.map((e) => `${e.field}: ${errorMessage(e)}`);
}
