/**
 * The conditions the namespace controller keeps on a Terminating namespace, as upstream's deleter does: five
 * types, each either failing (status True, with what failed) or fine (status False with the fixed "ok" reason and
 * message). A condition keeps its lastTransitionTime while its status does not change.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1.js';

export const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

export type NamespaceConditionType = (typeof CONDITION_TYPES)[number];

const OK: Record<NamespaceConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

/** What one pass over the namespace's content found. */
export interface ContentTotals {
  /** `resource.group` → objects still there. */
  remaining: Map<string, number>;
  /** finalizer → objects still carrying it. */
  finalizers: Map<string, number>;
  /** Failures to delete or list, one message each. */
  errors: string[];
}

type Failing = Partial<Record<NamespaceConditionType, { reason: string; message: string }>>;

const sortedEntries = (m: Map<string, number>): [string, number][] => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

/** The failing conditions a pass implies (discovery and group-version parsing cannot fail against the catalog). */
export function failingConditions(t: ContentTotals): Failing {
  const out: Failing = {};
  if (t.errors.length > 0) {
    out.NamespaceDeletionContentFailure = {
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${t.errors.length} remaining: ${t.errors.join(', ')}`,
    };
  }
  if (t.remaining.size > 0) {
    const parts = sortedEntries(t.remaining).map(([gr, n]) => `${gr} has ${n} resource instances`);
    out.NamespaceContentRemaining = { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${parts.join(', ')}` };
  }
  if (t.finalizers.size > 0) {
    const parts = sortedEntries(t.finalizers).map(([f, n]) => `${f} in ${n} resource instances`);
    out.NamespaceFinalizersRemaining = {
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}`,
    };
  }
  return out;
}

/** The namespace's conditions after a pass: other condition types are kept as they are. */
export function updateConditions(current: readonly NamespaceCondition[], failing: Failing, now: Date): NamespaceCondition[] {
  const ours = new Set<string>(CONDITION_TYPES);
  const out = current.filter((c) => !ours.has(c.type)).map((c) => ({ ...c }));
  for (const type of CONDITION_TYPES) {
    const f = failing[type];
    const next = { type, status: f ? 'True' : 'False', ...(f ?? OK[type]) };
    const old = current.find((c) => c.type === type);
    const lastTransitionTime = old && old.status === next.status && old.lastTransitionTime ? old.lastTransitionTime : now.toISOString().replace(/\.\d+Z$/, 'Z');
    out.push({ ...next, lastTransitionTime });
  }
  return out;
}
