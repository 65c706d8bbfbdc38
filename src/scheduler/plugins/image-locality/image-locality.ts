/**
 * ImageLocality: favours nodes that already have the pod's images, by their size, so big pulls are avoided. Each
 * image counts size × (nodes that have it / all nodes), which keeps a rare image from pulling every pod onto the
 * one node that has it (the "node heating" problem). The sum is clamped to [23 MB, 1000 MB × containers] and scaled
 * to 0–100.
 */
import { MAX_NODE_SCORE, type Handle, type ScoreExtensions, type ScorePlugin } from '../../framework/interface.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { ScoreResult, type Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';

export const NAME = 'ImageLocality';

const MB = 1024 * 1024;
/** Below this, pulling is cheap: no preference (also keeps tiny images from mattering). */
export const MIN_THRESHOLD = 23 * MB;
/** Per container: above this, every node with the images scores the maximum. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** An image reference without a tag means `:latest`, as the node reports it (a ":" before the last "/" is a port). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** The pod's images (init containers and containers), normalized once per pod object. */
const imagesCache = new WeakMap<object, string[]>();
function podImages(pod: P): string[] {
  let v = imagesCache.get(pod);
  if (!v) {
    v = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    imagesCache.set(pod, v);
  }
  return v;
}

export function sumImageScores(nodeInfo: NodeInfo, images: readonly string[], totalNumNodes: number): number {
  let sum = 0;
  for (const name of images) {
    const s = nodeInfo.imageStates.get(name);
    if (s) sum += Math.trunc(s.size * (s.numNodes / totalNumNodes));
  }
  return sum;
}

/** Worked example: 125 MB over 2 containers → 100 · (125 - 23) / (2000 - 23) = 5. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export class ImageLocality implements ScorePlugin {
  readonly name = NAME;

  /** The last pod scored and its images (Score runs for every feasible node of one pod in a row). */
  private lastPod: P | undefined;
  private lastImages: string[] = [];
  private readonly result = new ScoreResult();

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    if (pod !== this.lastPod) {
      this.lastPod = pod;
      this.lastImages = podImages(pod);
    }
    const images = this.lastImages;
    // A node without images scores calculatePriority(0, n ≥ 1) = 0 (the common case of nodes that report no
    // images): skip the look-ups.
    if (nodeInfo.imageStates.size === 0 && images.length > 0) return this.result.of(0);
    const totalNumNodes = this.handle.snapshot().list().length;
    return this.result.of(calculatePriority(sumImageScores(nodeInfo, images, totalNumNodes), images.length));
  }

  scoreExtensions(): ScoreExtensions | undefined {
    return undefined;
  }
}
