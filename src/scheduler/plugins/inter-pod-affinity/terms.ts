/**
 * Matching affinity terms against pods, in the two directions upstream distinguishes:
 * - the incoming pod's terms against existing pods: the namespaceSelector is resolved once per namespace (upstream
 *   merges the selected namespaces into the term's namespace set at PreFilter/PreScore; an empty selector matches
 *   every namespace, a namespace that does not exist matches no non-empty selector);
 * - an existing pod's terms against the incoming pod: the incoming pod's namespace labels are looked up once per
 *   cycle and matched against the term's namespaceSelector.
 */
import type { Labels } from '../../../machinery/labels/index.js';
import type { AffinityTerm, P, WeightedAffinityTerm } from '../../framework/types.js';

export type NamespaceLabelsLookup = (namespace: string) => Labels | undefined;

/** A term of the pod being scheduled, with its namespaceSelector resolved lazily per namespace. */
export class IncomingTerm {
  private readonly namespaceVerdicts = new Map<string, boolean>();

  constructor(
    readonly term: AffinityTerm,
    private readonly namespaceLabels: NamespaceLabelsLookup,
  ) {}

  get topologyKey(): string {
    return this.term.topologyKey;
  }

  matches(pod: P): boolean {
    return this.namespaceMatches(pod.metadata?.namespace ?? '') && this.term.selector.matches(pod.metadata?.labels);
  }

  private namespaceMatches(ns: string): boolean {
    if (this.term.namespaces.has(ns)) return true;
    if (!this.term.hasNamespaceSelector) return false;
    const sel = this.term.namespaceSelector;
    if (sel.isEverything()) return true;
    let v = this.namespaceVerdicts.get(ns);
    if (v === undefined) {
      const labels = this.namespaceLabels(ns);
      v = labels !== undefined && sel.matches(labels);
      this.namespaceVerdicts.set(ns, v);
    }
    return v;
  }
}

export class IncomingWeightedTerm extends IncomingTerm {
  readonly weight: number;

  constructor(term: WeightedAffinityTerm, namespaceLabels: NamespaceLabelsLookup) {
    super(term, namespaceLabels);
    this.weight = term.weight;
  }
}

/** Upstream's AffinityTerm.Matches for an existing pod's term: `nsLabels` are the labels of `pod`'s namespace. */
export function termMatches(term: AffinityTerm, pod: P, nsLabels: Labels | undefined): boolean {
  const ns = pod.metadata?.namespace ?? '';
  if (!term.namespaces.has(ns) && !term.namespaceSelector.matches(nsLabels)) return false;
  return term.selector.matches(pod.metadata?.labels);
}

/** Whether the pod matches every term; false for no terms (upstream's podMatchesAllAffinityTerms). */
export function podMatchesAllTerms(terms: readonly IncomingTerm[], pod: P): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!t.matches(pod)) return false;
  return true;
}
