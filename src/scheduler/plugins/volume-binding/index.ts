import type { PluginFactory } from '../../framework/interface.js';
import { defaultVolumeBindingArgs, validateVolumeBindingArgs } from './args.js';
import { VolumeBinding } from './volume-binding.js';

export {
  NAME,
  VolumeBinding,
  PERSISTENT_VOLUMES,
  STORAGE_CLASSES,
  ERR_REASON_UNBOUND_IMMEDIATE,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NOT_ENOUGH_SPACE,
  type VolumeBindingListers,
} from './volume-binding.js';
export {
  DEFAULT_BIND_TIMEOUT_SECONDS,
  defaultVolumeBindingArgs,
  validateVolumeBindingArgs,
  type VolumeBindingArgs,
  type UtilizationShapePoint,
} from './args.js';
export { ANN_BIND_COMPLETED, BETA_STORAGE_CLASS_ANNOTATION, claimClass, isFullyBound, volumeClaim } from './claims.js';
export { isSchedulableAfterPVCChange, isSchedulableAfterStorageClassChange, isSchedulableAfterCSINodeChange } from './events.js';

/** Args: VolumeBindingArgs (defaulted); invalid args throw, as upstream fails the profile. */
export const factory: PluginFactory = (args, handle) => {
  const a = defaultVolumeBindingArgs(args);
  const errs = validateVolumeBindingArgs(a);
  if (errs.length > 0) throw new Error(`invalid VolumeBinding args: ${errs.join('; ')}`);
  return VolumeBinding.fromHandle(a, handle);
};
