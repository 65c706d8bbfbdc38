/**
 * The generic PLEG (upstream's GenericPLEG): for runtimes without an event stream (containerd 1.6), relist every
 * container each period and kick the pods whose containers changed (ids or states).
 */
import type { Clock } from '../../machinery/clock/clock.js';
import { runEvery } from '../loop.js';
import { LABEL_POD_UID, type RuntimeService } from '../runtime/interface.js';

export function startGenericPLEG(
  runtime: RuntimeService,
  clock: Clock,
  periodMs: number,
  signal: AbortSignal,
  kick: (uid: string) => void,
): void {
  let previous = new Map<string, string>();
  runEvery(clock, periodMs, signal, async () => {
    const current = new Map<string, string>();
    for (const c of await runtime.listContainers()) {
      const uid = c.labels[LABEL_POD_UID];
      if (uid) current.set(uid, `${current.get(uid) ?? ''}${c.id}=${c.state};`);
    }
    for (const [uid, fp] of current) if (previous.get(uid) !== fp) kick(uid);
    for (const uid of previous.keys()) if (!current.has(uid)) kick(uid);
    previous = current;
  });
}
