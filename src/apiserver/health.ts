/** /livez, /readyz and /healthz with named checks, `?verbose` and `/<check>` sub-paths, as upstream. */
import type { ServerResponse } from 'node:http';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
  /** Only part of /readyz (e.g. start-up hooks); otherwise part of every endpoint. */
  readyOnly?: boolean;
}

export async function serveHealth(res: ServerResponse, kind: 'livez' | 'readyz' | 'healthz', checks: HealthCheck[], sub: string, verbose: boolean, exclude: string[]): Promise<void> {
  const applicable = checks.filter((c) => !c.readyOnly || kind === 'readyz');
  const selected = sub ? applicable.filter((c) => c.name === sub) : applicable.filter((c) => !exclude.includes(c.name));
  if (sub && selected.length === 0) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    return;
  }
  const results = await Promise.all(
    selected.map(async (c) => {
      try {
        await c.check();
        return { name: c.name, ok: true };
      } catch {
        return { name: c.name, ok: false };
      }
    }),
  );
  const failed = results.some((r) => !r.ok);
  const lines = results.map((r) => (r.ok ? `[+]${r.name} ok` : `[-]${r.name} failed: reason withheld`));
  let body: string;
  if (failed) body = `${lines.join('\n')}\n${kind} check failed\n`;
  else if (verbose) body = `${lines.join('\n')}\n${kind} check passed\n`;
  else body = 'ok';
  res.writeHead(failed ? 500 : 200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end(body);
}
