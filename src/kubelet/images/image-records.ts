/**
 * What the image garbage collector knows of each image (upstream's imageRecord): when the kubelet first saw it and
 * when a container last used it. `detect` is one observation; records of images gone from the runtime are dropped.
 * An image is in use while any container — running or exited but not yet removed — refers to it, by id, tag or
 * digest (containerd reports a container's image as the image id, the fake runtime as the tag).
 */
import type { Container, Image } from '../runtime/interface.js';

export interface ImageRecord {
  image: Image;
  /** ms since the epoch; 0 for images present when the kubelet started (they may go at the first GC). */
  firstDetected: number;
  /** ms since the epoch; 0 = never seen in use. */
  lastUsed: number;
  inUse: boolean;
}

const refsOf = (c: Container): string[] => [c.image.image, c.imageRef].filter((r) => r !== '');

export function imageInUse(image: Image, containers: readonly Container[]): boolean {
  const names = new Set([image.id, ...image.repoTags, ...image.repoDigests]);
  return containers.some((c) => refsOf(c).some((r) => names.has(r)));
}

export class ImageRecords {
  private readonly records = new Map<string, ImageRecord>();
  private initialized = false;

  /** Updates the records from one listing; `now` in ms. */
  detect(images: readonly Image[], containers: readonly Container[], now: number): void {
    const firstSeen = this.initialized ? now : 0;
    this.initialized = true;
    const present = new Set<string>();
    for (const image of images) {
      present.add(image.id);
      const inUse = imageInUse(image, containers);
      const prev = this.records.get(image.id);
      this.records.set(image.id, {
        image,
        firstDetected: prev?.firstDetected ?? firstSeen,
        lastUsed: inUse ? now : prev?.lastUsed ?? 0,
        inUse,
      });
    }
    for (const id of this.records.keys()) if (!present.has(id)) this.records.delete(id);
  }

  forget(id: string): void {
    this.records.delete(id);
  }

  all(): readonly ImageRecord[] {
    return [...this.records.values()];
  }
}
