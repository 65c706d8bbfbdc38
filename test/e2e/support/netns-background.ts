/**
 * A kubectl child (`port-forward`, or a run with extra environment) inside the test's network namespace, as a
 * child of the test (`nsenter --net` execs kubectl, so the child's PID is kubectl's): its output is collected,
 * `waitFor` polls it with a deadline, `wait` bounds its run, `stop()` signals that PID only and resolves once it
 * exited.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestNetns } from './netns.js';

export class BackgroundKubectl {
  private out = '';
  private err = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  exitCode: number | null | undefined;

  /** `opts.env` adds variables (e.g. KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false); `opts.stdin` is written and closed. */
  constructor(ns: TestNetns, kubeconfig: string, scratchDir: string, args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: `${scratchDir}/home`, KUBECONFIG: kubeconfig, LANG: 'C.UTF-8', ...opts.env };
    const argv = ['--kubeconfig', kubeconfig, '--cache-dir', `${scratchDir}/kube-cache`, ...args];
    this.child = ns.spawn('kubectl', argv, { env, stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (opts.stdin !== undefined) {
      this.child.stdin!.on('error', () => undefined);
      this.child.stdin!.end(opts.stdin);
    }
    this.child.stdout!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.err += d.toString()));
    this.exited = new Promise((res) => this.child.once('exit', (code, signal) => res((this.exitCode = code ?? (signal ? -1 : null)))));
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  /** Resolves once stdout matches `re`; rejects when the process exits first or the deadline passes. */
  async waitFor(re: RegExp, ms: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = re.exec(this.out);
      if (m) return m;
      if (this.exitCode !== undefined) throw new Error(`kubectl exited (${this.exitCode}) before printing ${re}: ${this.out}${this.err}`);
      if (Date.now() > deadline) throw new Error(`kubectl printed no ${re} within ${ms} ms: ${this.out}${this.err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Resolves with the exit code once kubectl exited; stops it (and rejects) after `ms`. */
  async wait(ms: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((res) => (timer = setTimeout(() => res('late'), ms)));
    const r = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (r === 'late') {
      await this.stop();
      throw new Error(`kubectl still running after ${ms} ms: ${this.out}${this.err}`);
    }
    return r;
  }

  /** SIGTERM to our child by PID, SIGKILL after `graceMs`; resolves with its exit code. */
  async stop(graceMs = 5_000): Promise<number | null> {
    if (this.exitCode === undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exitCode ?? null;
  }
}
