import type { PluginFactory } from '../../framework/interface.js';
import { VolumeRestrictions } from './volume-restrictions.js';

export {
  NAME,
  VolumeRestrictions,
  ERR_REASON_DISK_CONFLICT,
  ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT,
  isSchedulableAfterPodDeleted,
  isSchedulableAfterPVCAdded,
} from './volume-restrictions.js';
export { needsRestrictionsCheck, satisfyVolumeConflicts } from './disk-conflicts.js';

/** VolumeRestrictions takes no args; it reads PVCs from the handle's informers. */
export const factory: PluginFactory = (_args, handle) => VolumeRestrictions.fromHandle(handle);
