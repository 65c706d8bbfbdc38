/**
 * Strategies of the lighter groups: autoscaling, coordination, discovery, events.k8s.io, networking, policy,
 * scheduling, storage and rbac.
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Event } from 'kubernetes-types/events/v1.js';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1.js';
import * as hpa from '../../api/autoscaling/v2/defaults.js';
import * as hpaV from '../../api/autoscaling/v2/validation.js';
import { validateLease, validateLeaseUpdate } from '../../api/coordination/v1/validation.js';
import { defaultEndpointSlice } from '../../api/discovery/v1/defaults.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from '../../api/discovery/v1/validation.js';
import { validateEvent, validateEventUpdate } from '../../api/events/v1/validation.js';
import { defaultNetworkPolicy } from '../../api/networking/v1/defaults.js';
import * as net from '../../api/networking/v1/validation.js';
import * as pdb from '../../api/policy/v1/validation.js';
import { defaultPriorityClass } from '../../api/scheduling/v1/defaults.js';
import { validatePriorityClass, validatePriorityClassUpdate } from '../../api/scheduling/v1/validation.js';
import { defaultStorageClass } from '../../api/storage/v1/defaults.js';
import { validateStorageClass, validateStorageClassUpdate } from '../../api/storage/v1/validation.js';
import { defaultRoleBinding } from '../../api/rbac/v1/defaults.js';
import * as rbac from '../../api/rbac/v1/validation.js';
import { nameIsPathSegment } from '../../machinery/validation/objectmeta.js';
import { buildStrategy } from './builder.js';

const NS = { namespaced: true };
const CLUSTER = { namespaced: false };

export const horizontalpodautoscalers = buildStrategy<HorizontalPodAutoscaler>({
  ...NS,
  status: {},
  defaults: hpa.defaultHorizontalPodAutoscaler,
  validate: hpaV.validateHorizontalPodAutoscaler,
  validateUpdate: hpaV.validateHorizontalPodAutoscalerUpdate,
  tracksGeneration: true,
});

export const leases = buildStrategy<Lease>({ ...NS, validate: validateLease, validateUpdate: validateLeaseUpdate });

export const endpointslices = buildStrategy<EndpointSlice>({
  ...NS,
  defaults: defaultEndpointSlice,
  validate: validateEndpointSlice,
  validateUpdate: validateEndpointSliceUpdate,
  tracksGeneration: true,
});

export const eventsV1 = buildStrategy<Event>({ ...NS, validate: validateEvent, validateUpdate: validateEventUpdate });

export const ingresses = buildStrategy<Ingress>({
  ...NS,
  status: { loadBalancer: {} },
  validate: net.validateIngress,
  validateUpdate: net.validateIngressUpdate,
  tracksGeneration: true,
});

export const ingressclasses = buildStrategy<IngressClass>({
  ...CLUSTER,
  validate: net.validateIngressClass,
  validateUpdate: net.validateIngressClassUpdate,
  tracksGeneration: true,
});

export const networkpolicies = buildStrategy<NetworkPolicy>({
  ...NS,
  defaults: defaultNetworkPolicy,
  validate: net.validateNetworkPolicy,
  validateUpdate: net.validateNetworkPolicyUpdate,
  tracksGeneration: true,
});

export const poddisruptionbudgets = buildStrategy<PodDisruptionBudget>({
  ...NS,
  status: {},
  validate: pdb.validatePodDisruptionBudget,
  validateUpdate: pdb.validatePodDisruptionBudgetUpdate,
  tracksGeneration: true,
});

export const priorityclasses = buildStrategy<PriorityClass>({
  ...CLUSTER,
  defaults: defaultPriorityClass,
  validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate,
});

export const storageclasses = buildStrategy<StorageClass>({
  ...CLUSTER,
  defaults: defaultStorageClass,
  validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate,
});

const RBAC_NS = { namespaced: true, nameFn: nameIsPathSegment };
const RBAC_CLUSTER = { namespaced: false, nameFn: nameIsPathSegment };

export const roles = buildStrategy<Role>({ ...RBAC_NS, validate: rbac.validateRole });
export const clusterroles = buildStrategy<ClusterRole>({ ...RBAC_CLUSTER, validate: rbac.validateClusterRole });
export const rolebindings = buildStrategy<RoleBinding>({
  ...RBAC_NS,
  defaults: defaultRoleBinding,
  validate: rbac.validateRoleBinding,
  validateUpdate: rbac.validateRoleBindingUpdate,
});
export const clusterrolebindings = buildStrategy<ClusterRoleBinding>({
  ...RBAC_CLUSTER,
  defaults: defaultRoleBinding,
  validate: rbac.validateClusterRoleBinding,
  validateUpdate: rbac.validateClusterRoleBindingUpdate,
});
