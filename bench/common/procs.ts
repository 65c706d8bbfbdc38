/**
 * The orchestrator's handle on one child process of a benchmark (forked with tsx, optionally under --cpu-prof):
 * bench:controllers and bench:scheduler share it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, ProcStats } from './protocol.js';

export interface ForkOptions {
  /** Write V8 CPU profiles into `<cpuProfDir>/<name>/` when the child exits. */
  cpuProfDir?: string;
  log: (msg: string) => void;
}

export class Child {
  readonly proc: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, (s: ProcStats) => void>();
  private readyWaiter?: { resolve: (m: Extract<ChildMessage, { type: 'ready' }>) => void; reject: (e: Error) => void };
  private exited = false;

  /** `file`: the child's module, e.g. `new URL('./controllers/hollow.ts', import.meta.url)` from the bench. */
  constructor(
    readonly name: string,
    file: URL,
    o: ForkOptions,
  ) {
    // One directory per child: tsx's module-hooks worker thread writes a profile of its own next to the main thread's.
    const prof = o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${join(o.cpuProfDir, name)}`] : [];
    this.proc = fork(fileURLToPath(file), [], { execArgv: ['--import', 'tsx', ...prof], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') this.readyWaiter?.resolve(m);
      else if (m.type === 'stats') {
        this.pending.get(m.id)?.(m.stats);
        this.pending.delete(m.id);
      } else if (m.type === 'progress') o.log(`  ${name}: ${m.message}`);
      else if (m.type === 'error') {
        o.log(`  ${name}: ERROR ${m.message}`);
        this.readyWaiter?.reject(new Error(`${name}: ${m.message}`));
      }
    });
    this.proc.once('exit', (code, signal) => {
      this.exited = true;
      this.readyWaiter?.reject(new Error(`${name} exited (${signal ?? code}) before it was ready`));
      for (const [, r] of this.pending) r(undefined as never);
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  private send(m: ParentMessage): void {
    if (!this.exited && this.proc.connected) this.proc.send(m);
  }

  start(m: Omit<Extract<ParentMessage, { type: 'start' }>, 'type'>): Promise<Extract<ChildMessage, { type: 'ready' }>> {
    const ready = new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => (this.readyWaiter = { resolve, reject }));
    this.send({ type: 'start', ...m });
    return ready;
  }

  mark(): void {
    this.send({ type: 'mark' });
  }

  stats(): Promise<ProcStats> {
    const id = this.nextId++;
    const p = new Promise<ProcStats>((resolve) => this.pending.set(id, resolve));
    this.send({ type: 'stats', id });
    return p;
  }

  /** Asks the child to stop; SIGKILLs its PID after `graceMs`. Resolves once it exited. */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited && this.proc.pid) {
      try {
        process.kill(this.proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}
