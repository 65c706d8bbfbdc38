/**
 * Reads a CRI container log file as `kubectl logs` wants it (upstream's kuberuntime ReadLogs): records parsed,
 * partial records joined into one line, `timestamps` prefixing each line (not each record) with the timestamp of
 * its first record, `tailLines` counted from the end of the file, records older than `sinceNs` skipped, the output
 * cut after `limitBytes`.
 *
 * Follow: at the end of the file the reader polls (every `pollIntervalMs`, bounded) for growth; it ends when
 * `isRunning()` says the container is gone (after one last read, so nothing written before the exit is lost),
 * when the signal aborts (the client went away), or when `limitBytes` is reached. Rotation: when the path names a
 * new file (the kubelet renamed the old one and the runtime reopened its log), the old file is read to its end and
 * the new one from its start; a file truncated in place is read again from its start.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { realClock, type Clock } from '../../machinery/clock/clock.js';
import { parseCriRecord, type CriRecord } from './cri-record.js';
import { tailStartOffset } from './tail.js';

export interface LogReadOptions {
  timestamps?: boolean;
  tailLines?: number;
  limitBytes?: number;
  /** Records strictly older than this (nanoseconds since the epoch) are skipped. */
  sinceNs?: bigint;
  follow?: boolean;
}

export interface LogFollowControl {
  /** Aborted when the client goes away: the reader returns promptly. */
  signal?: AbortSignal;
  /** Asked when the reader has caught up: false ends the follow (after a last read). Default: always running. */
  isRunning?: () => Promise<boolean> | boolean;
  /** Poll interval at the end of the file; default 250 ms. */
  pollIntervalMs?: number;
  clock?: Clock;
}

/** Receives output in order; a returned promise is awaited before more is read (back-pressure). */
export type LogSink = (chunk: Buffer) => Promise<void> | void;

const CHUNK = 64 * 1024;
const NL = Buffer.from('\n');

export async function readCriLog(path: string, opts: LogReadOptions, sink: LogSink, ctl: LogFollowControl = {}): Promise<void> {
  const reader = new CriLogReader(opts, sink);
  let file = await openLog(path);
  try {
    if (opts.tailLines !== undefined) file.pos = await tailStartOffset(file.fh, file.size, opts.tailLines);
    await follow(path, reader, () => file, (f) => (file = f), opts.follow === true, ctl);
  } finally {
    await file.fh.close();
  }
}

interface OpenLog {
  fh: FileHandle;
  ino: number;
  size: number;
  pos: number;
}

async function openLog(path: string): Promise<OpenLog> {
  const fh = await open(path, 'r');
  const st = await fh.stat();
  return { fh, ino: st.ino, size: st.size, pos: 0 };
}

async function follow(
  path: string,
  reader: CriLogReader,
  current: () => OpenLog,
  replace: (f: OpenLog) => void,
  following: boolean,
  ctl: LogFollowControl,
): Promise<void> {
  const signal = ctl.signal;
  for (;;) {
    await drain(current(), reader, signal);
    if (reader.done || signal?.aborted) return;
    if (!following) return reader.flushIncomplete();
    const st = await stat(path).catch(() => undefined);
    const file = current();
    if (st && st.ino !== file.ino) {
      await drain(file, reader, signal);
      reader.flushIncomplete();
      await file.fh.close();
      replace(await openLog(path));
      continue;
    }
    if (st && st.size < file.pos) {
      file.pos = 0;
      reader.dropIncomplete();
      continue;
    }
    if (st && st.size > file.pos) continue;
    if (!(await (ctl.isRunning?.() ?? true))) {
      await drain(current(), reader, signal);
      return reader.flushIncomplete();
    }
    await sleep(ctl.clock ?? realClock, ctl.pollIntervalMs ?? 250, signal);
  }
}

/** Reads from `file.pos` to the end of the file, feeding the reader. */
async function drain(file: OpenLog, reader: CriLogReader, signal?: AbortSignal): Promise<void> {
  const buf = Buffer.alloc(CHUNK);
  while (!reader.done && !signal?.aborted) {
    const { bytesRead } = await file.fh.read(buf, 0, CHUNK, file.pos);
    if (bytesRead === 0) return;
    file.pos += bytesRead;
    await reader.feed(Buffer.from(buf.subarray(0, bytesRead)));
  }
}

function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      t.cancel();
      resolve();
    };
    const t = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Turns file bytes into output bytes: line splitting, record parsing, filtering, prefixes and the byte limit. */
class CriLogReader {
  private pending: Buffer[] = [];
  private atLineStart = true;
  private remaining: number;
  done = false;

  constructor(
    private readonly opts: LogReadOptions,
    private readonly sink: LogSink,
  ) {
    this.remaining = opts.limitBytes ?? Infinity;
  }

  async feed(chunk: Buffer): Promise<void> {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0 && !this.done; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      const line = this.pending.length ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      start = nl + 1;
      await this.line(line);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** A last line without its newline (the file ended there). */
  async flushIncomplete(): Promise<void> {
    if (!this.pending.length || this.done) return;
    const line = Buffer.concat(this.pending);
    this.pending = [];
    await this.line(line);
  }

  dropIncomplete(): void {
    this.pending = [];
  }

  private async line(line: Buffer): Promise<void> {
    const rec = parseCriRecord(line);
    if (!rec) return;
    if (this.opts.sinceNs !== undefined && rec.timeNs < this.opts.sinceNs) return;
    await this.emit(this.render(rec));
  }

  private render(rec: CriRecord): Buffer {
    const parts: Buffer[] = [];
    if (this.opts.timestamps && this.atLineStart) parts.push(Buffer.from(`${rec.time} `));
    parts.push(rec.content);
    if (!rec.partial) parts.push(NL);
    this.atLineStart = !rec.partial;
    return Buffer.concat(parts);
  }

  private async emit(out: Buffer): Promise<void> {
    const piece = out.length > this.remaining ? out.subarray(0, this.remaining) : out;
    this.remaining -= piece.length;
    if (this.remaining <= 0) this.done = true;
    if (piece.length) await this.sink(piece);
  }
}
