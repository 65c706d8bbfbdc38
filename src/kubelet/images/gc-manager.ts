/**
 * Image garbage collection by disk usage (upstream's realImageGCManager):
 * every `periodMs` (5 min) the manager lists images and containers (image-records.ts) and reads the image
 * filesystem's usage (CRI ImageFsInfo gives its mountpoint; statfs gives capacity and available bytes). When usage
 * reaches `highThresholdPercent` (85) it removes unused images until usage would be at `lowThresholdPercent` (80):
 * least recently used first (then first detected), never an image in use, never the sandbox (pause) image, never
 * one first seen less than `minAgeMs` (2 min) ago. Worked example: capacity 100 GiB, available 10 GiB → usage 90 %
 * ≥ 85 % → to free = 100 GiB × (100 − 80) % − 10 GiB = 10 GiB.
 * When not enough is eligible it reports FreeDiskSpaceFailed (Warning event on the node, or a log line) and the pass
 * fails; two failed passes in a row report ImageGCFailed. Images older than `maxAgeMs` (0 = off) that are unused go regardless of usage.
 */
import { statfs } from 'node:fs/promises';
import type { Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import { runEvery } from '../loop.js';
import type { ImageService, RuntimeService } from '../runtime/interface.js';
import { ImageRecords, type ImageRecord } from './image-records.js';

export interface ImageGCPolicy {
  highThresholdPercent: number;
  lowThresholdPercent: number;
  minAgeMs: number;
  /** upstream imageMaximumGCAge; 0 = images are never removed for age alone. */
  maxAgeMs: number;
}

export const DEFAULT_IMAGE_GC_POLICY: Readonly<ImageGCPolicy> = Object.freeze({
  highThresholdPercent: 85,
  lowThresholdPercent: 80,
  minAgeMs: 2 * 60_000,
  maxAgeMs: 0,
});

export interface FsCapacity {
  capacityBytes: number;
  availableBytes: number;
}

export interface ImageGCManagerOptions {
  images: ImageService;
  runtime: RuntimeService;
  clock: Clock;
  policy?: Partial<ImageGCPolicy>;
  /** The sandbox image reference(s) (containerd's sandbox_image, fully qualified); never removed. */
  pinnedImages?: string[];
  /** Default 5 min, as upstream's ImageGCPeriod. */
  periodMs?: number;
  /** Capacity of the filesystem at a mountpoint; default statfs. Tests inject usage here. */
  fsCapacity?: (mountpoint: string) => Promise<FsCapacity>;
  /** A node event (e.g. recorder.event(nodeRef, …)); without it events become log lines. */
  event?: (type: 'Normal' | 'Warning', reason: string, message: string) => void;
  logger?: Logger;
}

async function statfsCapacity(mountpoint: string): Promise<FsCapacity> {
  const s = await statfs(mountpoint);
  return { capacityBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
}

export class ImageGCManager {
  private readonly records = new ImageRecords();
  private readonly policy: ImageGCPolicy;
  private readonly logger: Logger;

  constructor(private readonly o: ImageGCManagerOptions) {
    this.policy = { ...DEFAULT_IMAGE_GC_POLICY, ...o.policy };
    const { highThresholdPercent: high, lowThresholdPercent: low } = this.policy;
    if (!(high >= 0 && high <= 100 && low >= 0 && low <= high)) throw new Error(`invalid image GC thresholds: low ${low}, high ${high}`);
    this.logger = o.logger ?? nopLogger;
  }

  /** Detects at once (so images present now count as seen at time 0), then collects every period. */
  start(signal: AbortSignal): void {
    void this.detect().catch((e) => this.logger.warn('Image detection failed', { err: String(e) }));
    let failedBefore = false;
    runEvery(this.o.clock, this.o.periodMs ?? 5 * 60_000, signal, async () => {
      try {
        await this.garbageCollect();
        failedBefore = false;
      } catch (e) {
        // As upstream: one failure is only logged (stats may not be ready yet); failures in a row are an event.
        const message = e instanceof Error ? e.message : String(e);
        if (failedBefore) this.report('Warning', 'ImageGCFailed', message);
        else this.logger.warn('Image garbage collection failed once. Stats initialization may not have completed yet', { err: message });
        failedBefore = true;
      }
    });
  }

  /** One pass; rejects when it could not free what the thresholds ask for. */
  async garbageCollect(): Promise<void> {
    await this.detect();
    await this.freeOldImages();
    const fs = await this.imageFsCapacity();
    if (!fs || fs.capacityBytes <= 0) return;
    const usage = 100 - Math.trunc((fs.availableBytes * 100) / fs.capacityBytes);
    if (usage < this.policy.highThresholdPercent) return;
    const toFree = Math.trunc((fs.capacityBytes * (100 - this.policy.lowThresholdPercent)) / 100) - fs.availableBytes;
    this.logger.info('Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold', {
      usage,
      highThreshold: this.policy.highThresholdPercent,
      amountToFree: toFree,
      lowThreshold: this.policy.lowThresholdPercent,
    });
    const freed = await this.freeSpace(toFree, (r) => this.oldEnough(r));
    if (freed < toFree) {
      const msg = `Failed to garbage collect required amount of images. Attempted to free ${toFree} bytes, but only found ${freed} bytes eligible to free.`;
      this.report('Warning', 'FreeDiskSpaceFailed', msg);
      throw new Error(msg);
    }
  }

  /** Removes every unused image regardless of age or usage (upstream's DeleteUnusedImages, for disk eviction). */
  async deleteUnusedImages(): Promise<number> {
    await this.detect();
    return this.freeSpace(Infinity, () => true);
  }

  private async detect(): Promise<void> {
    const [images, containers] = await Promise.all([this.o.images.listImages(), this.o.runtime.listContainers()]);
    this.records.detect(images, containers, this.o.clock.now().getTime());
  }

  private async imageFsCapacity(): Promise<FsCapacity | undefined> {
    const fsInfo = await this.o.images.imageFsInfo?.();
    const mountpoint = fsInfo?.[0]?.mountpoint;
    if (!mountpoint) return undefined;
    return (this.o.fsCapacity ?? statfsCapacity)(mountpoint);
  }

  private oldEnough(r: ImageRecord): boolean {
    return this.o.clock.now().getTime() - r.firstDetected >= this.policy.minAgeMs;
  }

  private pinned(r: ImageRecord): boolean {
    const pins = this.o.pinnedImages ?? [];
    return pins.some((p) => p === r.image.id || r.image.repoTags.includes(p) || r.image.repoDigests.includes(p));
  }

  private async freeOldImages(): Promise<void> {
    const maxAge = this.policy.maxAgeMs;
    if (maxAge <= 0) return;
    const now = this.o.clock.now().getTime();
    await this.freeSpace(Infinity, (r) => now - Math.max(r.lastUsed, r.firstDetected) > maxAge);
  }

  /** Removes eligible images, least recently used first, until `bytes` were freed; resolves with the bytes freed. */
  private async freeSpace(bytes: number, eligible: (r: ImageRecord) => boolean): Promise<number> {
    const candidates = this.records
      .all()
      .filter((r) => !r.inUse && !this.pinned(r) && eligible(r))
      .sort((a, b) => a.lastUsed - b.lastUsed || a.firstDetected - b.firstDetected || a.image.id.localeCompare(b.image.id));
    let freed = 0;
    const errors: string[] = [];
    for (const r of candidates) {
      if (freed >= bytes) break;
      this.logger.info('Removing image to free bytes', { imageID: r.image.id, size: r.image.size, lastUsed: r.lastUsed });
      try {
        await this.removeImage(r);
        freed += r.image.size;
      } catch (e) {
        errors.push(`${r.image.id}: ${String(e)}`);
      }
    }
    if (errors.length > 0) this.logger.warn('Failed to remove images', { errors });
    return freed;
  }

  private async removeImage(r: ImageRecord): Promise<void> {
    if (!this.o.images.removeImage) throw new Error('the image service cannot remove images');
    await this.o.images.removeImage({ image: r.image.id });
    this.records.forget(r.image.id);
  }

  private report(type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.o.event) this.o.event(type, reason, message);
    this.logger.warn(message, { reason });
  }
}
