/** core/v1 strategies besides pods and services (upstream's pkg/registry/core/<resource>/strategy.go). */
import type * as core from 'kubernetes-types/core/v1.js';
import * as d from '../../api/core/v1/defaults.js';
import * as v from '../../api/core/v1/validation.js';
import { validateObjectMetaUpdate, nameIsDNSLabel } from '../../machinery/validation/objectmeta.js';
import { buildStrategy } from './builder.js';
import type { StrategyEntry } from './common.js';
import { mapSelectorScale } from './scale.js';

const NS = { namespaced: true };
const CLUSTER = { namespaced: false };

export const configmaps = buildStrategy<core.ConfigMap>({ ...NS, validate: v.validateConfigMap, validateUpdate: v.validateConfigMapUpdate });

export const secrets = buildStrategy<core.Secret>({
  ...NS,
  defaults: d.defaultSecret,
  validate: v.validateSecret,
  validateUpdate: v.validateSecretUpdate,
  selectableFields: ['type'],
});

export const namespaces = buildStrategy<core.Namespace>({
  ...CLUSTER,
  nameFn: nameIsDNSLabel,
  status: { phase: 'Active' },
  defaults: d.defaultNamespace,
  validate: v.validateNamespace,
  // spec.finalizers change only through namespaces/finalize.
  prepareForUpdate: (obj, old) => {
    obj.spec = { ...(obj.spec ?? {}), finalizers: [...(old.spec?.finalizers ?? [])] };
  },
  tracksGeneration: true,
  selectableFields: ['status.phase'],
});

/** Nodes may set status at create (a kubelet registers with its capacity); updates keep it. */
export const nodes: StrategyEntry = (() => {
  const entry = buildStrategy<core.Node>({
    ...CLUSTER,
    status: {},
    defaults: d.defaultNode,
    validate: v.validateNode,
    tracksGeneration: true,
    selectableFields: (n) => ({ 'spec.unschedulable': String(n.spec?.unschedulable === true) }),
  });
  delete entry.strategy.prepareForCreate;
  return entry;
})();

export const events = buildStrategy<core.Event>({
  ...NS,
  validate: v.validateEvent,
  selectableFields: (e) => ({
    'involvedObject.kind': e.involvedObject?.kind ?? '',
    'involvedObject.namespace': e.involvedObject?.namespace ?? '',
    'involvedObject.name': e.involvedObject?.name ?? '',
    'involvedObject.uid': e.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': e.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': e.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': e.involvedObject?.fieldPath ?? '',
    reason: e.reason ?? '',
    reportingComponent: e.reportingComponent ?? '',
    source: e.source?.component ?? '',
    type: e.type ?? '',
  }),
});

export const serviceaccounts = buildStrategy<core.ServiceAccount>({ ...NS, validate: v.validateServiceAccount });

export const endpoints = buildStrategy<core.Endpoints>({ ...NS, defaults: d.defaultEndpoints, validate: v.validateEndpoints });

export const limitranges = buildStrategy<core.LimitRange>({ ...NS, defaults: d.defaultLimitRange, validate: v.validateLimitRange });

export const resourcequotas = buildStrategy<core.ResourceQuota>({
  ...NS,
  status: {},
  validate: v.validateResourceQuota,
  tracksGeneration: true,
});

export const persistentvolumes = buildStrategy<core.PersistentVolume>({
  ...CLUSTER,
  status: {},
  defaults: d.defaultPersistentVolume,
  validate: v.validatePersistentVolume,
  validateUpdate: (n, o) => [
    ...validateObjectMetaUpdate(n.metadata, o.metadata, CLUSTER),
    ...v.validatePersistentVolume(n).filter((e) => !e.field.startsWith('metadata')),
    ...v.validatePersistentVolumeSpecUpdate(n, o),
  ],
  tracksGeneration: true,
});

export const persistentvolumeclaims = buildStrategy<core.PersistentVolumeClaim>({
  ...NS,
  status: {},
  defaults: d.defaultPersistentVolumeClaim,
  validate: v.validatePersistentVolumeClaim,
  validateUpdate: (n, o) => [
    ...validateObjectMetaUpdate(n.metadata, o.metadata, NS),
    ...v.validatePersistentVolumeClaim(n).filter((e) => !e.field.startsWith('metadata')),
    ...v.validatePersistentVolumeClaimSpecUpdate(n, o),
  ],
  tracksGeneration: true,
});

export const podtemplates = buildStrategy<core.PodTemplate>({
  ...NS,
  defaults: d.defaultPodTemplate,
  validate: v.validatePodTemplate,
  tracksGeneration: true,
});

export const replicationcontrollers = buildStrategy<core.ReplicationController>({
  ...NS,
  status: {},
  defaults: d.defaultReplicationController,
  validate: v.validateReplicationController,
  tracksGeneration: true,
  selectableFields: (rc) => ({ 'status.replicas': String(rc.status?.replicas ?? 0) }),
  scale: mapSelectorScale,
});
