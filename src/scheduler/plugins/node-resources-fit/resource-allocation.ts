/**
 * The part of resource scoring shared by NodeResourcesFit and NodeResourcesBalancedAllocation (upstream's
 * resourceAllocationScorer): for each configured resource, the node's allocatable and what it would have requested
 * with this pod, handed to a strategy. Fit scores cpu/memory from the non-zero view (a container without requests
 * counts 100m / 200 MB, so BestEffort pods still spread); BalancedAllocation uses the real requests.
 */
import { podResourceRequests, type NodeInfo, type P } from '../../framework/types.js';
import type { ResourceSpec } from './args.js';
import { isScalarResourceName } from './resource-names.js';
import type { ResourceScorer } from './scorers.js';

type Kind = 'cpu' | 'memory' | 'ephemeral-storage' | 'other';

interface ResolvedResource {
  name: string;
  kind: Kind;
  scalar: boolean;
}

const kindOf = (name: string): Kind => (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' ? name : 'other');

export class ResourceAllocationScorer {
  private readonly resolved: ResolvedResource[];
  // Reused between calls: Score is synchronous and the scheduler runs one cycle at a time.
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly scorer: ResourceScorer,
    /** true: the pods' real requests (BalancedAllocation); false: the non-zero view of cpu/memory (Fit). */
    private readonly useRequested: boolean,
  ) {
    this.resolved = resources.map((r) => ({ name: r.name, kind: kindOf(r.name), scalar: isScalarResourceName(r.name) }));
    this.requested = new Float64Array(resources.length);
    this.allocatable = new Float64Array(resources.length);
  }

  /** The pod's request of each configured resource, in order (PreScore stores it). */
  podRequests(pod: P): number[] {
    const { exact, nonZero } = podResourceRequests(pod);
    const r = this.useRequested ? exact : nonZero;
    return this.resolved.map((x) => (x.kind === 'other' ? (r.scalar.get(x.name) ?? 0) : r.get(x.name)));
  }

  score(nodeInfo: NodeInfo, podRequests: readonly number[]): number {
    for (let i = 0; i < this.resolved.length; i++) this.fill(i, nodeInfo, podRequests[i] ?? 0);
    return this.scorer(this.requested, this.allocatable);
  }

  /** Sets allocatable[i] and requested[i]; both 0 leaves the resource out of the score. */
  private fill(i: number, nodeInfo: NodeInfo, podRequest: number): void {
    const x = this.resolved[i]!;
    let alloc = 0;
    let req = 0;
    // An extended resource the pod does not request does not count on any node.
    if (!(podRequest === 0 && x.scalar)) {
      const used = this.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
      switch (x.kind) {
        case 'cpu':
          alloc = nodeInfo.allocatable.milliCPU;
          req = used.milliCPU + podRequest;
          break;
        case 'memory':
          alloc = nodeInfo.allocatable.memory;
          req = used.memory + podRequest;
          break;
        case 'ephemeral-storage':
          alloc = nodeInfo.allocatable.ephemeralStorage;
          req = nodeInfo.requested.ephemeralStorage + podRequest;
          break;
        default: {
          const a = nodeInfo.allocatable.scalar.get(x.name);
          if (a !== undefined) {
            alloc = a;
            req = (nodeInfo.requested.scalar.get(x.name) ?? 0) + podRequest;
          }
        }
      }
    }
    if (alloc === 0) req = 0;
    this.allocatable[i] = alloc;
    this.requested[i] = req;
  }
}
