/** Pod volumes (one source each, unique DNS-1123 names, per-source required fields) and container volume mounts. */
import type { KeyToPath, Volume, VolumeMount } from 'kubernetes-types/core/v1.js';
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
  type ErrorList,
  type FieldPath,
} from '../../../machinery/validation/field.js';
import { isDNS1123Label } from '../../../machinery/validation/names.js';
import { volumeSources } from './pod-defaults.js';
import { validateQuantity } from './resources-validation.js';

const MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateMode(mode: number | undefined, path: FieldPath): ErrorList {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalid(path, mode, MODE_MSG)] : [];
}

/** A relative path with no `..` element (items' paths, subPath). */
export function validateLocalPath(p: string, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (p.startsWith('/')) errs.push(invalid(path, p, 'must be a relative path'));
  if (p.split('/').includes('..')) errs.push(invalid(path, p, "must not contain '..'"));
  return errs;
}

function validateItems(items: KeyToPath[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  (items ?? []).forEach((it, i) => {
    const ip = path.index(i);
    if (!it.key) errs.push(required(ip.child('key'), ''));
    if (!it.path) errs.push(required(ip.child('path'), ''));
    else errs.push(...validateLocalPath(it.path, ip.child('path')));
    errs.push(...validateMode(it.mode, ip.child('mode')));
  });
  return errs;
}

function validateSource(v: Volume, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (v.configMap) {
    if (!v.configMap.name) errs.push(required(path.child('configMap', 'name'), ''));
    errs.push(...validateMode(v.configMap.defaultMode, path.child('configMap', 'defaultMode')));
    errs.push(...validateItems(v.configMap.items, path.child('configMap', 'items')));
  }
  if (v.secret) {
    if (!v.secret.secretName) errs.push(required(path.child('secret', 'secretName'), ''));
    errs.push(...validateMode(v.secret.defaultMode, path.child('secret', 'defaultMode')));
    errs.push(...validateItems(v.secret.items, path.child('secret', 'items')));
  }
  if (v.hostPath) {
    if (!v.hostPath.path) errs.push(required(path.child('hostPath', 'path'), ''));
    const t = v.hostPath.type ?? '';
    if (!HOST_PATH_TYPES.includes(t)) errs.push(notSupported(path.child('hostPath', 'type'), t, HOST_PATH_TYPES));
  }
  if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) {
    errs.push(required(path.child('persistentVolumeClaim', 'claimName'), ''));
  }
  if (v.emptyDir?.sizeLimit !== undefined) errs.push(...validateQuantity(v.emptyDir.sizeLimit, path.child('emptyDir', 'sizeLimit')).errs);
  if (v.nfs && !v.nfs.server) errs.push(required(path.child('nfs', 'server'), ''));
  if (v.nfs && !v.nfs.path) errs.push(required(path.child('nfs', 'path'), ''));
  if (v.csi && !v.csi.driver) errs.push(required(path.child('csi', 'driver'), ''));
  return errs;
}

/** Validates `volumes` and returns the set of their names, which volume mounts refer to. */
export function validateVolumes(volumes: Volume[] | undefined, path: FieldPath): { names: Set<string>; errs: ErrorList } {
  const names = new Set<string>();
  const errs: ErrorList = [];
  (volumes ?? []).forEach((v, i) => {
    const ip = path.index(i);
    if (!v.name) errs.push(required(ip.child('name'), ''));
    else for (const msg of isDNS1123Label(v.name)) errs.push(invalid(ip.child('name'), v.name, msg));
    if (v.name && names.has(v.name)) errs.push(duplicate(ip.child('name'), v.name));
    if (v.name) names.add(v.name);
    const sources = volumeSources(v);
    if (sources.length === 0) errs.push(required(ip, 'must specify a volume type'));
    for (const s of sources.slice(1)) errs.push(forbidden(ip.child(s), 'may not specify more than 1 volume type'));
    errs.push(...validateSource(v, ip));
  });
  return { names, errs };
}

const PROPAGATION_MODES = ['Bidirectional', 'HostToContainer', 'None'];

export function validateVolumeMounts(mounts: VolumeMount[] | undefined, volumes: ReadonlySet<string>, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const ip = path.index(i);
    if (!m.name) errs.push(required(ip.child('name'), ''));
    else if (!volumes.has(m.name)) errs.push(notFound(ip.child('name'), m.name));
    if (!m.mountPath) errs.push(required(ip.child('mountPath'), ''));
    else if (paths.has(m.mountPath)) errs.push(invalid(ip.child('mountPath'), m.mountPath, 'must be unique'));
    if (m.mountPath) paths.add(m.mountPath);
    if (m.subPath) errs.push(...validateLocalPath(m.subPath, ip.child('subPath')));
    if (m.subPath && m.subPathExpr) errs.push(invalid(ip.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
    const prop = m.mountPropagation;
    if (prop && !PROPAGATION_MODES.includes(prop)) errs.push(notSupported(ip.child('mountPropagation'), prop, PROPAGATION_MODES));
  });
  return errs;
}
