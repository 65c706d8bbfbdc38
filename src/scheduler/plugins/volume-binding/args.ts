/**
 * VolumeBindingArgs (kubescheduler.config.k8s.io/v1). bindTimeoutSeconds defaults to 600 and must not be negative.
 * `shape` only matters for storage-capacity scoring (the StorageCapacityScoring feature, off by default), which this
 * plugin does not implement: it is accepted and kept, not used.
 */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

export interface VolumeBindingArgs {
  /** How long PreBind waits for volumes to be bound (upstream default 600 s). */
  bindTimeoutSeconds: number;
  shape?: UtilizationShapePoint[];
}

export const DEFAULT_BIND_TIMEOUT_SECONDS = 600;

/** `raw` is the pluginConfig args as decoded (possibly partial or undefined). */
export function defaultVolumeBindingArgs(raw: unknown): VolumeBindingArgs {
  const a = (raw ?? {}) as Partial<VolumeBindingArgs>;
  return {
    bindTimeoutSeconds: a.bindTimeoutSeconds ?? DEFAULT_BIND_TIMEOUT_SECONDS,
    ...(a.shape ? { shape: a.shape.map((p) => ({ ...p })) } : {}),
  };
}

export function validateVolumeBindingArgs(args: VolumeBindingArgs): string[] {
  if (!Number.isInteger(args.bindTimeoutSeconds) || args.bindTimeoutSeconds < 0) {
    return [`bindTimeoutSeconds: Invalid value: ${args.bindTimeoutSeconds}: invalid BindTimeoutSeconds, should not be a negative value`];
  }
  return [];
}
