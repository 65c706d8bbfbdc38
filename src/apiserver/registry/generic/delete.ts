/**
 * Deletion as upstream: preconditions (409), finalizers and graceful deletion keep the object with a
 * deletionTimestamp until the last finalizer is removed or the grace period is over; otherwise the object is
 * removed at once (compare-and-swap on the revision read). propagationPolicy Orphan/Foreground adds the
 * `orphan`/`foregroundDeletion` finalizer for the garbage collector.
 */
import { newConflict } from '../../../machinery/errors/status.js';
import { ConflictError } from '../../../storage/errors.js';
import type { DeleteOptions, KObject, OperationContext } from '../resource.js';
import { decodeObject, encodeObject, rfc3339 } from './codec.js';
import { toStatusError } from './errors.js';
import type { GenericRegistry } from './registry.js';

export interface DeleteResult {
  object: KObject;
  /** True when the object is gone; false when it stays, marked for deletion. */
  deleted: boolean;
}

export async function deleteObject(
  reg: GenericRegistry,
  namespace: string,
  name: string,
  opts: DeleteOptions,
  ctx: OperationContext,
): Promise<DeleteResult> {
  for (let attempt = 0; ; attempt++) {
    const sv = await reg.read(namespace, name);
    if (!sv) await reg.get(namespace, name);
    const current = decodeObject(sv!);
    checkPreconditions(reg, current, opts);
    await reg.validateAdmission('DELETE', namespace, undefined, current, ctx, 'main');
    try {
      return await deleteOnce(reg, namespace, name, current, sv!.revision, opts, ctx);
    } catch (e) {
      if (e instanceof ConflictError && attempt < 1000) continue;
      throw toStatusError(e, reg.info, name);
    }
  }
}

function checkPreconditions(reg: GenericRegistry, obj: KObject, opts: DeleteOptions): void {
  const p = opts.preconditions;
  if (!p) return;
  const m = obj.metadata;
  if (p.uid && p.uid !== m.uid) {
    throw newConflict(reg.gr, m.name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${m.uid}`);
  }
  if (p.resourceVersion && p.resourceVersion !== m.resourceVersion) {
    throw newConflict(
      reg.gr,
      m.name,
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${m.resourceVersion}`,
    );
  }
}

function propagationFinalizer(opts: DeleteOptions): string | undefined {
  if (opts.propagationPolicy === 'Orphan' || (opts.propagationPolicy === undefined && opts.orphanDependents)) return 'orphan';
  if (opts.propagationPolicy === 'Foreground') return 'foregroundDeletion';
  return undefined;
}

async function deleteOnce(
  reg: GenericRegistry,
  namespace: string,
  name: string,
  current: KObject,
  revision: string,
  opts: DeleteOptions,
  ctx: OperationContext,
): Promise<DeleteResult> {
  const hooks = reg.def.hooks;
  const grace = hooks?.gracePeriod ? hooks.gracePeriod(current, opts.gracePeriodSeconds) : 0;
  const extra = propagationFinalizer(opts);
  const finalizers: string[] = [...(current.metadata.finalizers ?? [])];
  if (extra && !finalizers.includes(extra) && (finalizers.length > 0 || grace > 0 || hasDependentsPolicy(extra))) {
    finalizers.push(extra);
  }
  const held = finalizers.length > 0 || grace > 0 || !!hooks?.blocksDeletion?.(current);
  if (!held) {
    if (!ctx.dryRun) await reg.deps.store.delete(reg.key(namespace, name), revision);
    if (!ctx.dryRun) await hooks?.release?.(current);
    return { object: current, deleted: true };
  }
  const next = markForDeletion(reg, current, grace, finalizers);
  if (encodeObject(next) === encodeObject(current) || ctx.dryRun) return { object: next, deleted: false };
  const written = await reg.deps.store.update(reg.key(namespace, name), encodeObject(next), revision);
  return { object: decodeObject(written), deleted: false };
}

/** Orphan and Foreground always hold the object for the garbage collector, as upstream. */
const hasDependentsPolicy = (f: string): boolean => f === 'orphan' || f === 'foregroundDeletion';

function markForDeletion(reg: GenericRegistry, current: KObject, grace: number, finalizers: string[]): KObject {
  const next = structuredClone(current);
  const m = next.metadata;
  const now = reg.deps.clock.now();
  const due = new Date(now.getTime() + grace * 1000);
  if (!m.deletionTimestamp) {
    m.deletionTimestamp = rfc3339(due);
    m.deletionGracePeriodSeconds = grace;
    if (m.generation !== undefined) m.generation += 1;
  } else if (grace < (m.deletionGracePeriodSeconds ?? Infinity)) {
    // A shorter grace period may shorten a pending deletion, never lengthen it.
    const shortened = new Date(Math.min(Date.parse(m.deletionTimestamp), due.getTime()));
    m.deletionTimestamp = rfc3339(shortened);
    m.deletionGracePeriodSeconds = grace;
  }
  if (finalizers.length) m.finalizers = finalizers;
  reg.def.hooks?.onDeletionMarked?.(next);
  return next;
}
