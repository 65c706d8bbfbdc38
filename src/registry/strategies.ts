/**
 * The strategy of every served resource, keyed `<group>/<resource>` (core group "": `/pods`, `apps/deployments`).
 * `registry/definitions.ts` joins these with the catalog and the table columns. Every catalog entry has a key
 * here (strategies.test.ts checks it), and every `status`/`scale` flag of the catalog has its subresource strategy.
 */
import type { StrategyEntry } from './strategies/common.js';
import * as apps from './strategies/apps.js';
import * as batch from './strategies/batch.js';
import * as core from './strategies/core.js';
import * as other from './strategies/others.js';
import { pods } from './strategies/pods.js';
import { services } from './strategies/services.js';

export type { StrategyEntry } from './strategies/common.js';

export const STRATEGIES: Record<string, StrategyEntry> = {
  '/namespaces': core.namespaces,
  '/pods': pods,
  '/services': services,
  '/endpoints': core.endpoints,
  '/configmaps': core.configmaps,
  '/secrets': core.secrets,
  '/serviceaccounts': core.serviceaccounts,
  '/nodes': core.nodes,
  '/events': core.events,
  '/limitranges': core.limitranges,
  '/resourcequotas': core.resourcequotas,
  '/persistentvolumes': core.persistentvolumes,
  '/persistentvolumeclaims': core.persistentvolumeclaims,
  '/podtemplates': core.podtemplates,
  '/replicationcontrollers': core.replicationcontrollers,
  'apps/deployments': apps.deployments,
  'apps/replicasets': apps.replicasets,
  'apps/statefulsets': apps.statefulsets,
  'apps/daemonsets': apps.daemonsets,
  'apps/controllerrevisions': apps.controllerrevisions,
  'batch/jobs': batch.jobs,
  'batch/cronjobs': batch.cronjobs,
  'autoscaling/horizontalpodautoscalers': other.horizontalpodautoscalers,
  'coordination.k8s.io/leases': other.leases,
  'discovery.k8s.io/endpointslices': other.endpointslices,
  'events.k8s.io/events': other.eventsV1,
  'networking.k8s.io/ingresses': other.ingresses,
  'networking.k8s.io/ingressclasses': other.ingressclasses,
  'networking.k8s.io/networkpolicies': other.networkpolicies,
  'policy/poddisruptionbudgets': other.poddisruptionbudgets,
  'scheduling.k8s.io/priorityclasses': other.priorityclasses,
  'storage.k8s.io/storageclasses': other.storageclasses,
  'rbac.authorization.k8s.io/roles': other.roles,
  'rbac.authorization.k8s.io/rolebindings': other.rolebindings,
  'rbac.authorization.k8s.io/clusterroles': other.clusterroles,
  'rbac.authorization.k8s.io/clusterrolebindings': other.clusterrolebindings,
};
