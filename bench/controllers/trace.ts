/**
 * Opt-in diagnostics (`--trace`): a Client that records when each write of the controller manager started and
 * ended, and a summary of it: writes per second by resource, and the gaps in which no pod create was in flight.
 */
import type { Client } from '../../src/client/interface.js';

interface Call {
  op: string;
  start: number;
  end: number;
}

export function tracingClient(inner: Client): { client: Client; summary(): string } {
  const calls: Call[] = [];
  const T0 = performance.now();
  const wrap =
    (method: string) =>
    async (...args: unknown[]): Promise<unknown> => {
      const r = args[0] as { resource?: string };
      const sub = method === 'update' || method === 'patch' ? ((args.at(-1) as { subresource?: string } | undefined)?.subresource ?? '') : '';
      const call: Call = { op: `${method} ${r?.resource ?? '?'}${sub ? `/${sub}` : ''}`, start: performance.now() - T0, end: 0 };
      calls.push(call);
      try {
        return await (inner as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
      } finally {
        call.end = performance.now() - T0;
      }
    };
  const client = new Proxy(inner, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && ['create', 'update', 'patch', 'delete', 'get', 'list', 'createSubresource'].includes(prop)) return wrap(prop);
      return Reflect.get(target, prop, receiver);
    },
  });
  const summary = (): string => {
    const creates = calls.filter((c) => c.op === 'create pods').sort((a, b) => a.start - b.start);
    if (creates.length === 0) return 'no pod creates';
    const lines: string[] = [];
    const first = creates[0]!.start;
    let busyUntil = creates[0]!.end;
    for (const c of creates.slice(1)) {
      if (c.start - busyUntil > 200) lines.push(`  idle ${(c.start - busyUntil).toFixed(0)} ms at +${((busyUntil - first) / 1000).toFixed(2)} s`);
      busyUntil = Math.max(busyUntil, c.end);
    }
    const lat = creates.map((c) => c.end - c.start).sort((a, b) => a - b);
    const byOp = new Map<string, number>();
    for (const c of calls) if (c.start >= first) byOp.set(c.op, (byOp.get(c.op) ?? 0) + 1);
    return [
      `${creates.length} pod creates from +0 to +${((busyUntil - first) / 1000).toFixed(1)} s; client latency p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(0)} ms, p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(0)} ms`,
      `calls since the first pod create: ${[...byOp].map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `gaps > 200 ms with no pod create in flight (${lines.length}):`,
      ...lines.slice(0, 40),
    ].join('\n');
  };
  return { client, summary };
}
