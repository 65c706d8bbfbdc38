/** PersistentVolume and PersistentVolumeClaim validation (upstream's ValidatePersistentVolume/Claim and updates). */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { FieldPath, forbidden, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { deepEqual } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta } from '../../../machinery/validation/objectmeta.js';
import { tryParseQuantity } from '../../../machinery/quantity/quantity.js';
import { validateResourceList } from './resources-validation.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const PV_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte',
  'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

function validateAccessModes(modes: string[] | undefined, path: FieldPath): ErrorList {
  if (!modes || modes.length === 0) return [required(path, 'at least 1 access mode is required')];
  return modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupported(path, m, ACCESS_MODES));
}

function enumField(value: string | undefined, valid: string[], path: FieldPath): ErrorList {
  return value && !valid.includes(value) ? [notSupported(path, value, valid)] : [];
}

export function validatePersistentVolume(pv: PersistentVolume): ErrorList {
  const errs = validateObjectMeta(pv.metadata, { namespaced: false });
  const spec = pv.spec ?? {};
  const path = FieldPath.root('spec');
  errs.push(...validateAccessModes(spec.accessModes, path.child('accessModes')));
  const capacity = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errs.push(required(path.child('capacity'), ''));
  else if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(notSupported(path.child('capacity'), capacity, ['storage']));
  errs.push(...validateResourceList(capacity, path.child('capacity')).errs);
  errs.push(...enumField(spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES, path.child('persistentVolumeReclaimPolicy')));
  errs.push(...enumField(spec.volumeMode, VOLUME_MODES, path.child('volumeMode')));
  const sources = PV_SOURCES.filter((s) => (spec as Record<string, unknown>)[s] != null);
  if (sources.length === 0) errs.push(required(path, 'must specify a volume type'));
  for (const s of sources.slice(1)) errs.push(forbidden(path.child(s), 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required(path.child('hostPath', 'path'), ''));
  if (spec.local && !spec.local.path) errs.push(required(path.child('local', 'path'), ''));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): ErrorList {
  const errs = validateObjectMeta(pvc.metadata, { namespaced: true });
  const spec = pvc.spec ?? {};
  const path = FieldPath.root('spec');
  errs.push(...validateAccessModes(spec.accessModes, path.child('accessModes')));
  const requests = spec.resources?.requests ?? {};
  if (!('storage' in requests)) errs.push(required(path.child('resources').key('storage'), ''));
  errs.push(...validateResourceList(requests, path.child('resources', 'requests')).errs);
  errs.push(...enumField(spec.volumeMode, VOLUME_MODES, path.child('volumeMode')));
  return errs;
}

/** A claim's spec is immutable except its storage request (which may not shrink) and binding a volumeName once. */
export function validatePersistentVolumeClaimSpecUpdate(next: PersistentVolumeClaim, prev: PersistentVolumeClaim): ErrorList {
  const n = structuredClone(next.spec ?? {});
  const o = prev.spec ?? {};
  const errs: ErrorList = [];
  const newStorage = tryParseQuantity(n.resources?.requests?.['storage']);
  const oldStorage = tryParseQuantity(o.resources?.requests?.['storage']);
  if (newStorage && oldStorage && newStorage.cmp(oldStorage) < 0) {
    errs.push(forbidden(FieldPath.root('spec', 'resources', 'requests').key('storage'), 'field can not be less than previous value'));
  }
  if (n.resources) n.resources.requests = o.resources?.requests ?? {};
  if (!o.volumeName) n.volumeName = o.volumeName;
  const normalize = (s: typeof n): unknown => ({ ...s, volumeName: s.volumeName || undefined });
  if (!deepEqual(normalize(n), normalize(o))) {
    errs.push(forbidden(FieldPath.root('spec'), 'spec is immutable after creation except resources.requests for bound claims'));
  }
  return errs;
}

export function validatePersistentVolumeSpecUpdate(next: PersistentVolume, prev: PersistentVolume): ErrorList {
  const errs: ErrorList = [];
  const sourceOf = (pv: PersistentVolume): unknown =>
    Object.fromEntries(PV_SOURCES.map((s) => [s, (pv.spec as Record<string, unknown> | undefined)?.[s]]));
  if (!deepEqual(sourceOf(next), sourceOf(prev))) {
    errs.push(forbidden(FieldPath.root('spec', 'persistentvolumesource'), 'spec.persistentvolumesource is forbidden.'));
  }
  if (prev.spec?.volumeMode && next.spec?.volumeMode !== prev.spec.volumeMode) {
    errs.push(invalid(FieldPath.root('spec', 'volumeMode'), next.spec?.volumeMode, 'field is immutable'));
  }
  return errs;
}
