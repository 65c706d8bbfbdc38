/** apps/v1 strategies (upstream's pkg/registry/apps/<resource>/strategy.go): status and scale subresources. */
import type * as apps from 'kubernetes-types/apps/v1.js';
import * as d from '../../api/apps/v1/defaults.js';
import * as v from '../../api/apps/v1/validation.js';
import { buildStrategy } from './builder.js';
import { labelSelectorScale } from './scale.js';

const NS = { namespaced: true };

export const deployments = buildStrategy<apps.Deployment>({
  ...NS,
  status: {},
  defaults: d.defaultDeployment,
  validate: v.validateDeployment,
  validateUpdate: v.validateDeploymentUpdate,
  tracksGeneration: true,
  scale: labelSelectorScale,
});

export const replicasets = buildStrategy<apps.ReplicaSet>({
  ...NS,
  status: {},
  defaults: d.defaultReplicaSet,
  validate: v.validateReplicaSet,
  validateUpdate: v.validateReplicaSetUpdate,
  tracksGeneration: true,
  selectableFields: (rs) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
  scale: labelSelectorScale,
});

export const statefulsets = buildStrategy<apps.StatefulSet>({
  ...NS,
  status: {},
  defaults: d.defaultStatefulSet,
  validate: v.validateStatefulSet,
  validateUpdate: v.validateStatefulSetUpdate,
  tracksGeneration: true,
  scale: labelSelectorScale,
});

export const daemonsets = buildStrategy<apps.DaemonSet>({
  ...NS,
  status: {},
  defaults: d.defaultDaemonSet,
  validate: v.validateDaemonSet,
  validateUpdate: v.validateDaemonSetUpdate,
  tracksGeneration: true,
});

export const controllerrevisions = buildStrategy<apps.ControllerRevision>({
  ...NS,
  validate: v.validateControllerRevision,
  validateUpdate: v.validateControllerRevisionUpdate,
});
