/**
 * Container log rotation (upstream's containerLogManager): every `monitorIntervalMs` (10 s) each running container's
 * log file is checked; once it exceeds `maxSizeBytes` (10Mi):
 * 1. leftovers of an interrupted rotation are removed (rotated-files.ts);
 * 2. the oldest rotated files are removed so that at most `maxFiles` (5) remain after this rotation;
 * 3. rotated files not yet compressed are gzipped (`compress`, default true) — all but the one made by this
 *    rotation, which the runtime may still be writing to until it reopens;
 * 4. the log is renamed to `<log>.<stamp>` and the runtime is asked to reopen it (CRI ReopenContainerLog), which
 *    creates a new empty file. If the reopen fails the rename is undone, so the runtime keeps a file under the
 *    name the kubelet reads.
 * Containers are handled one after another; one container's failure is logged and does not stop the others.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import { runEvery } from '../loop.js';
import type { RuntimeService } from '../runtime/interface.js';
import { classify, COMPRESS_SUFFIX, excess, rotationStamp, TMP_SUFFIX } from './rotated-files.js';

export interface ContainerLogManagerOptions {
  runtime: Pick<RuntimeService, 'listContainers' | 'containerStatus'>;
  /**
   * Asks the runtime to reopen a container's log (CRI ReopenContainerLog). RuntimeService has no such member yet;
   * the integrator passes the CRI client's call here.
   */
  reopen: (containerId: string) => Promise<void>;
  clock: Clock;
  /** upstream --container-log-max-size; default 10Mi. */
  maxSizeBytes?: number;
  /** upstream --container-log-max-files, at least 2; default 5. */
  maxFiles?: number;
  /** Gzip older rotated files (upstream always does); default true. */
  compress?: boolean;
  /** upstream --container-log-monitor-interval; default 10 s. */
  monitorIntervalMs?: number;
  logger?: Logger;
}

export const DEFAULT_CONTAINER_LOG_MAX_SIZE = 10 * 1024 * 1024;
export const DEFAULT_CONTAINER_LOG_MAX_FILES = 5;

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';

export class ContainerLogManager {
  private readonly maxSize: number;
  private readonly maxFiles: number;
  private readonly logger: Logger;

  constructor(private readonly o: ContainerLogManagerOptions) {
    this.maxSize = o.maxSizeBytes ?? DEFAULT_CONTAINER_LOG_MAX_SIZE;
    this.maxFiles = o.maxFiles ?? DEFAULT_CONTAINER_LOG_MAX_FILES;
    if (this.maxFiles < 2) throw new Error(`container log max files must be at least 2, got ${this.maxFiles}`);
    if (this.maxSize <= 0) throw new Error(`container log max size must be positive, got ${this.maxSize}`);
    this.logger = o.logger ?? nopLogger;
  }

  start(signal: AbortSignal): void {
    runEvery(this.o.clock, this.o.monitorIntervalMs ?? 10_000, signal, async () => {
      await this.rotateAll();
    });
  }

  /** One pass over the running containers; resolves with the ids whose logs were rotated. */
  async rotateAll(): Promise<string[]> {
    const rotated: string[] = [];
    for (const c of await this.o.runtime.listContainers({ state: 'CONTAINER_RUNNING' })) {
      try {
        const logPath = (await this.o.runtime.containerStatus(c.id)).logPath;
        if (logPath && (await this.rotateIfNeeded(c.id, logPath))) rotated.push(c.id);
      } catch (e) {
        this.logger.warn('Failed to rotate log for container', { containerID: c.id, err: String(e) });
      }
    }
    return rotated;
  }

  /** Rotates `logPath` when it is over the size limit; true when it did. */
  async rotateIfNeeded(containerId: string, logPath: string): Promise<boolean> {
    let size: number;
    try {
      size = (await stat(logPath)).size;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
    if (size < this.maxSize) return false;
    await this.rotate(containerId, logPath);
    return true;
  }

  private async rotate(containerId: string, logPath: string): Promise<void> {
    const dir = dirname(logPath);
    const state = classify(basename(logPath), await readdir(dir));
    for (const name of state.stale) await removeIfPresent(join(dir, name));
    const doomed = excess(state.rotated, this.maxFiles);
    for (const f of doomed) await removeIfPresent(join(dir, f.name));
    if (this.o.compress ?? true) {
      for (const f of state.rotated) if (!f.compressed && !doomed.includes(f)) await gzipFile(join(dir, f.name));
    }
    const target = `${logPath}.${rotationStamp(this.o.clock.now())}`;
    await rename(logPath, target);
    try {
      await this.o.reopen(containerId);
    } catch (e) {
      await rename(target, logPath).catch((undo) => this.logger.error('Failed to undo log rotation', { containerID: containerId, err: String(undo) }));
      throw e;
    }
    this.logger.info('Rotated container log', { containerID: containerId, path: target });
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
}

/** `path` → `path.gz`, written under a `.tmp` name first so a crash never leaves a truncated `.gz`. */
async function gzipFile(path: string): Promise<void> {
  const tmp = `${path}${COMPRESS_SUFFIX}${TMP_SUFFIX}`;
  await pipeline(createReadStream(path), createGzip(), createWriteStream(tmp));
  await rename(tmp, `${path}${COMPRESS_SUFFIX}`);
  await unlink(path);
}
