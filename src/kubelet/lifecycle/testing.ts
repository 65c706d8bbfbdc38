/**
 * Test helpers of lifecycle hooks: the fake runtime with a scripted ExecSync that logs every exec and stop in
 * order, so tests can assert that a preStop ran before the stop and with what grace.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import type { ExecSyncResult } from '../runtime/interface.js';

export const ok = (stdout = ''): ExecSyncResult => ({ stdout: Buffer.from(stdout), stderr: Buffer.alloc(0), exitCode: 0 });
export const exit = (code: number, stdout: string, stderr: string): ExecSyncResult => ({ stdout: Buffer.from(stdout), stderr: Buffer.from(stderr), exitCode: code });

export class ExecLogRuntime extends FakeRuntime {
  /** `exec <argv joined> @<s>` and `stop <container> <timeoutSeconds> @<s>` entries in order (seconds since the start). */
  readonly log: string[] = [];
  answer: (cmd: string[]) => ExecSyncResult = () => ok();
  private readonly t0: number;

  constructor(private readonly clockRef: Clock, podCIDR = '10.244.9.0/24') {
    super({ clock: clockRef, podCIDR });
    this.t0 = clockRef.now().getTime();
  }

  private at(): string {
    return `@${(this.clockRef.now().getTime() - this.t0) / 1000}s`;
  }

  async execSync(_id: string, cmd: string[]): Promise<ExecSyncResult> {
    this.log.push(`exec ${cmd.join(' ')} ${this.at()}`);
    return this.answer(cmd);
  }

  override async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const name = (await this.containerStatus(id).catch(() => undefined))?.metadata.name ?? id;
    this.log.push(`stop ${name} ${timeoutSeconds} ${this.at()}`);
    return super.stopContainer(id, timeoutSeconds);
  }
}
