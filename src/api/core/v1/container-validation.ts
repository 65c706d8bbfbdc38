/**
 * Container validation (upstream's validateContainerCommon and friends): names, image, ports, env, volume
 * mounts, probes, resources and the enumerated policies. Field paths are relative to the container.
 */
import type { Container, ContainerPort, EnvFromSource, EnvVar, EnvVarSource, Probe } from 'kubernetes-types/core/v1.js';
import {
  duplicate,
  forbidden,
  invalid,
  notSupported,
  required,
  type ErrorList,
  type FieldPath,
} from '../../../machinery/validation/field.js';
import { isEnvVarName, isValidPortName, isValidPortNum } from '../../../machinery/validation/names.js';
import { validateNonnegative } from '../../../machinery/validation/numeric.js';
import { validateResourceRequirements } from './resources-validation.js';
import { validateVolumeMounts } from './volume-validation.js';
import { validatePortNumOrName } from './port-validation.js';

export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['FallbackToLogsOnError', 'File'];

export function validateProtocol(protocol: string | undefined, path: FieldPath): ErrorList {
  if (!protocol) return [required(path, '')];
  return SUPPORTED_PROTOCOLS.includes(protocol) ? [] : [notSupported(path, protocol, SUPPORTED_PROTOCOLS)];
}

function validateContainerPorts(ports: ContainerPort[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const ip = path.index(i);
    if (p.name) {
      for (const msg of isValidPortName(p.name)) errs.push(invalid(ip.child('name'), p.name, msg));
      if (names.has(p.name)) errs.push(duplicate(ip.child('name'), p.name));
      names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(ip.child('containerPort'), ''));
    else for (const msg of isValidPortNum(p.containerPort)) errs.push(invalid(ip.child('containerPort'), p.containerPort, msg));
    if (p.hostPort) for (const msg of isValidPortNum(p.hostPort)) errs.push(invalid(ip.child('hostPort'), p.hostPort, msg));
    errs.push(...validateProtocol(p.protocol, ip.child('protocol')));
  });
  return errs;
}

const ENV_FIELD_PATHS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];

function validateFieldRef(fieldPath: string | undefined, path: FieldPath): ErrorList {
  if (!fieldPath) return [required(path.child('fieldPath'), '')];
  const subscripted = /^metadata\.(labels|annotations)\['[^']+'\]$/.test(fieldPath);
  if (subscripted || (ENV_FIELD_PATHS.includes(fieldPath) && !/^metadata\.(labels|annotations)$/.test(fieldPath))) return [];
  return [notSupported(path.child('fieldPath'), fieldPath, ENV_FIELD_PATHS)];
}

function validateEnvVarSource(src: EnvVarSource, path: FieldPath): ErrorList {
  const set = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter((k) => src[k] != null);
  if (set.length === 0) {
    return [invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`')];
  }
  if (set.length > 1) return [invalid(path, '', 'may not have more than one field specified at a time')];
  const errs: ErrorList = [];
  if (src.fieldRef) errs.push(...validateFieldRef(src.fieldRef.fieldPath, path.child('fieldRef')));
  if (src.resourceFieldRef && !src.resourceFieldRef.resource) errs.push(required(path.child('resourceFieldRef', 'resource'), ''));
  for (const k of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = src[k];
    if (ref && !ref.key) errs.push(required(path.child(k, 'key'), ''));
    if (ref && !ref.name) errs.push(required(path.child(k, 'name'), ''));
  }
  return errs;
}

export function validateEnv(env: EnvVar[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  (env ?? []).forEach((e, i) => {
    const ip = path.index(i);
    if (!e.name) errs.push(required(ip.child('name'), ''));
    else for (const msg of isEnvVarName(e.name)) errs.push(invalid(ip.child('name'), e.name, msg));
    if (e.valueFrom) {
      if (e.value) errs.push(invalid(ip.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
      else errs.push(...validateEnvVarSource(e.valueFrom, ip.child('valueFrom')));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: EnvFromSource[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  (envFrom ?? []).forEach((e, i) => {
    const ip = path.index(i);
    if (e.prefix) for (const msg of isEnvVarName(e.prefix)) errs.push(invalid(ip.child('prefix'), e.prefix, msg));
    const refs = (['configMapRef', 'secretRef'] as const).filter((k) => e[k] != null);
    if (refs.length > 1) errs.push(invalid(ip, '', 'may not have more than one field specified at a time'));
    for (const k of refs) if (!e[k]!.name) errs.push(required(ip.child(k, 'name'), ''));
  });
  return errs;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function validateProbe(p: Probe | undefined, path: FieldPath, mustSucceedOnce: boolean): ErrorList {
  if (!p) return [];
  const errs: ErrorList = [];
  const set = HANDLERS.filter((h) => p[h] != null);
  if (set.length === 0) errs.push(required(path, 'must specify a handler type'));
  for (const h of set.slice(1)) errs.push(forbidden(path.child(h), 'may not specify more than 1 handler type'));
  if (p.httpGet) {
    errs.push(...validatePortNumOrName(p.httpGet.port, path.child('httpGet', 'port')));
    const scheme = p.httpGet.scheme;
    if (scheme && !['HTTP', 'HTTPS'].includes(scheme)) errs.push(notSupported(path.child('httpGet', 'scheme'), scheme, ['HTTP', 'HTTPS']));
  }
  if (p.tcpSocket) errs.push(...validatePortNumOrName(p.tcpSocket.port, path.child('tcpSocket', 'port')));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegative(p[k], path.child(k)));
  }
  if (mustSucceedOnce && p.successThreshold !== undefined && p.successThreshold !== 1) {
    errs.push(invalid(path.child('successThreshold'), p.successThreshold, 'must be 1'));
  }
  return errs;
}

function validatePolicies(c: Container, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!c.imagePullPolicy) errs.push(required(path.child('imagePullPolicy'), ''));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(path.child('imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(path.child('terminationMessagePolicy'), ''));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  return errs;
}

/** What every kind of container shares: name, image, ports, env, mounts, resources, policies. */
export function validateContainerCommon(c: Container, path: FieldPath, volumes: ReadonlySet<string>): ErrorList {
  const errs: ErrorList = [];
  if (!c.image) errs.push(required(path.child('image'), ''));
  else if (c.image !== c.image.trim()) errs.push(invalid(path.child('image'), c.image, 'must not have leading or trailing whitespace'));
  errs.push(
    ...validateContainerPorts(c.ports, path.child('ports')),
    ...validateEnv(c.env, path.child('env')),
    ...validateEnvFrom(c.envFrom, path.child('envFrom')),
    ...validateVolumeMounts(c.volumeMounts, volumes, path.child('volumeMounts')),
    ...validateResourceRequirements(c.resources, path.child('resources')),
    ...validatePolicies(c, path),
  );
  return errs;
}

export function validateProbes(c: Container, path: FieldPath): ErrorList {
  return [
    ...validateProbe(c.livenessProbe, path.child('livenessProbe'), true),
    ...validateProbe(c.readinessProbe, path.child('readinessProbe'), false),
    ...validateProbe(c.startupProbe, path.child('startupProbe'), true),
  ];
}
