/**
 * A V8 CPU profile of the measured phase only (`--cpu-prof-measured` of bench/scheduler.ts): when
 * K8TS_BENCH_PROFILE_DIR is set, the child starts the inspector's profiler on the orchestrator's `mark` (the
 * measured pods are about to be created) and writes `<dir>/<name>.cpuprofile` when it is stopped. Without it,
 * nothing happens. (`--cpu-prof` profiles the whole life of a child, setup included.)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export function profileMeasuredPhase(name: string): { stop(): Promise<void> } {
  const dir = process.env['K8TS_BENCH_PROFILE_DIR'];
  if (!dir) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  let started: Promise<unknown> | undefined;
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'mark' && !started) started = session.post('Profiler.enable').then(() => session.post('Profiler.start'));
  });
  return {
    stop: async () => {
      if (!started) return;
      await started;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}
