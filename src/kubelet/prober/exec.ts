/**
 * The exec probe (upstream's pkg/probe/exec through the CRI's ExecSync): exit 0 is success, any other exit a
 * failure whose output is the command's stdout then stderr (at most 10 KiB); past the timeout the runtime answers
 * DeadlineExceeded, reported as upstream: `command "<argv joined>" timed out`. A runtime without ExecSync (the
 * fake one) fails the probe loudly rather than pretend.
 */
import type { ExecAction } from 'kubernetes-types/core/v1.js';
import { RuntimeError, type RuntimeService } from '../runtime/interface.js';
import { MAX_OUTPUT_BYTES, type ProbeOutcome } from './types.js';

export const EXEC_UNSUPPORTED = 'the container runtime does not support exec (ExecSync)';

export async function execProbe(runtime: RuntimeService, containerId: string, action: Readonly<ExecAction>, timeoutMs: number): Promise<ProbeOutcome> {
  const cmd = action.command ?? [];
  if (!runtime.execSync) return { result: 'failure', output: EXEC_UNSUPPORTED };
  try {
    const r = await runtime.execSync(containerId, cmd, Math.max(1, Math.ceil(timeoutMs / 1000)));
    const output = Buffer.concat([r.stdout, r.stderr]).subarray(0, MAX_OUTPUT_BYTES).toString('utf8');
    return { result: r.exitCode === 0 ? 'success' : 'failure', output };
  } catch (e) {
    if (e instanceof RuntimeError && e.code === 'DeadlineExceeded') return { result: 'failure', output: `command ${JSON.stringify(cmd.join(' '))} timed out` };
    return { result: 'failure', output: e instanceof Error ? e.message : String(e) };
  }
}
