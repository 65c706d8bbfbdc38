/**
 * Which nodes have which images (upstream's cache imageStates), for ImageLocality. One ImageStateSummary object per
 * image name is shared by every NodeInfo that has the image (as upstream since 1.29): its numNodes follows node adds
 * and removals without re-copying every NodeInfo, so a snapshot sees the current spread of an image.
 */
import type { ImageStateSummary, N } from '../framework/types.js';

interface ImageState {
  summary: ImageStateSummary;
  nodes: Set<string>;
}

export class ImageStates {
  private readonly images = new Map<string, ImageState>();

  /** Records the node's images and returns its NodeInfo.imageStates (name → shared summary). */
  addNode(node: N): Map<string, ImageStateSummary> {
    const nodeName = node.metadata?.name ?? '';
    const out = new Map<string, ImageStateSummary>();
    for (const img of node.status?.images ?? []) {
      for (const name of img.names ?? []) {
        let st = this.images.get(name);
        if (!st) this.images.set(name, (st = { summary: { size: img.sizeBytes ?? 0, numNodes: 0 }, nodes: new Set() }));
        st.nodes.add(nodeName);
        st.summary.numNodes = st.nodes.size;
        out.set(name, st.summary);
      }
    }
    return out;
  }

  removeNode(node: N): void {
    const nodeName = node.metadata?.name ?? '';
    for (const img of node.status?.images ?? []) {
      for (const name of img.names ?? []) {
        const st = this.images.get(name);
        if (!st) continue;
        st.nodes.delete(nodeName);
        st.summary.numNodes = st.nodes.size;
        if (st.nodes.size === 0) this.images.delete(name);
      }
    }
  }

  get size(): number {
    return this.images.size;
  }

  get(name: string): ImageStateSummary | undefined {
    return this.images.get(name)?.summary;
  }
}
