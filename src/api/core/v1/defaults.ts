/**
 * core/v1 defaults, as upstream's pkg/apis/core/v1/defaults.go, plus what upstream's conversion or REST layer
 * fills for a served object (a Secret's stringData folded into data, a Service's IP families). Pod defaults live
 * in pod-defaults.ts.
 */
import type {
  Endpoints,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PodTemplate,
  ReplicationController,
  Secret,
  Service,
} from 'kubernetes-types/core/v1.js';
import { defaultPodTemplateSpec } from './pod-defaults.js';

export * from './pod-defaults.js';

/** Session affinity timeout for ClientIP: 3 hours. */
export const DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 10800;

function defaultServicePorts(svc: Service): void {
  for (const p of svc.spec?.ports ?? []) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

/** Headless services without a selector may carry both families; everything else defaults to IPv4 single stack. */
function defaultIPFamilies(svc: Service): void {
  const spec = svc.spec!;
  if (spec.type === 'ExternalName') return;
  const headlessNoSelector = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies || spec.ipFamilies.length === 0) {
    const fromIP = spec.clusterIP && spec.clusterIP !== 'None' && spec.clusterIP.includes(':') ? 'IPv6' : 'IPv4';
    spec.ipFamilies = spec.ipFamilyPolicy === 'RequireDualStack' ? ['IPv4', 'IPv6'] : [fromIP];
  }
}

export function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS } };
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS;
  }
  spec.type ??= 'ClusterIP';
  defaultServicePorts(svc);
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy) {
    spec.externalTrafficPolicy = 'Cluster';
  }
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.clusterIP && (!spec.clusterIPs || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP];
  defaultIPFamilies(svc);
}

/** Folds `stringData` into base64 `data` (stringData wins) and drops it, as the v1 conversion does. */
export function foldSecretStringData(secret: Secret): void {
  const sd = (secret as Secret & { stringData?: Record<string, string> }).stringData;
  if (!sd) return;
  secret.data ??= {};
  for (const [k, v] of Object.entries(sd)) secret.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  delete (secret as { stringData?: unknown }).stringData;
}

export function defaultSecret(secret: Secret): void {
  secret.type ||= 'Opaque';
  foldSecretStringData(secret);
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Namespaces carry their name as a label, the `kubernetes` finalizer, and start Active. */
export function defaultNamespace(ns: Namespace): void {
  ns.metadata ??= {};
  if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name };
  ns.spec ??= {};
  const finalizers = (ns.spec.finalizers ??= []);
  if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
  ns.status ??= {};
  ns.status.phase ??= 'Active';
}

export function defaultNode(node: Node): void {
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

export function defaultEndpoints(ep: Endpoints): void {
  for (const s of ep.subsets ?? []) for (const p of s.ports ?? []) p.protocol ??= 'TCP';
}

export function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    item.default ??= {};
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
    item.defaultRequest ??= {};
    for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  }
}

export function defaultPersistentVolume(pv: PersistentVolume): void {
  const spec = (pv.spec ??= {});
  spec.persistentVolumeReclaimPolicy ??= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  const w = pv as { status?: { phase?: string } };
  w.status ??= {};
  w.status.phase ??= 'Pending';
}

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  const spec = (pvc.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  const w = pvc as { status?: { phase?: string } };
  w.status ??= {};
  w.status.phase ??= 'Pending';
}

export function defaultPodTemplate(pt: PodTemplate): void {
  defaultPodTemplateSpec(pt.template);
}

/** An RC's selector and labels default to its template's labels; replicas default to 1. */
export function defaultReplicationController(rc: ReplicationController): void {
  const spec = (rc.spec ??= {});
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && Object.keys(templateLabels).length) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...templateLabels };
    rc.metadata ??= {};
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...templateLabels };
  }
  spec.replicas ??= 1;
  defaultPodTemplateSpec(spec.template);
}
