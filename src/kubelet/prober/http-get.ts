/**
 * The HTTP GET of probes and lifecycle hooks (upstream's probe/http with its redirect checker): HTTPS is not
 * verified; redirects are followed (at most 10) while they stay on the same host name — one to another host ends
 * the request with that 3xx response (`redirectStopped`); at most 10 KiB of the body is read. Errors read as Go's
 * client writes them (`Get "<url>": …`), so messages match upstream's.
 */
import http from 'node:http';
import https from 'node:https';
import { MAX_OUTPUT_BYTES } from './types.js';

export interface HttpGetResult {
  status: number;
  /** The first 10 KiB of the final response's body. */
  body: string;
  /** The final response is a redirect to another host that was not followed. */
  redirectStopped: boolean;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GETs `url`, aborting when `signal` does (the probe's timeout); rejects with a Go-shaped message. */
export async function httpGet(url: URL, headers: Readonly<Record<string, string | string[]>>, signal: AbortSignal): Promise<HttpGetResult> {
  const origin = url.hostname;
  let current = url;
  for (let hops = 0; ; hops++) {
    const res = await getOnce(current, headers, signal);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return { status: res.statusCode ?? 0, body: await readBody(res), redirectStopped: false };
    const next = new URL(location, current);
    if (next.hostname !== origin) return { status: res.statusCode!, body: await readBody(res), redirectStopped: true };
    res.destroy();
    if (hops + 1 >= MAX_REDIRECTS) throw new Error(`Get ${JSON.stringify(next.href)}: stopped after ${MAX_REDIRECTS} redirects`);
    current = next;
  }
}

function getOnce(url: URL, headers: Readonly<Record<string, string | string[]>>, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => reject(new Error(`Get ${JSON.stringify(url.href)}: ${goError(e, url, signal)}`));
    if (signal.aborted) return fail(signal.reason);
    const req = lib.get(url, { headers: { ...headers }, signal, rejectUnauthorized: false, agent: false }, resolve);
    req.on('error', fail);
  });
}

async function readBody(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_OUTPUT_BYTES) break;
    }
  } catch {
    // A body cut short (timeout, reset) still tells what arrived.
  } finally {
    res.destroy();
  }
  return Buffer.concat(chunks).subarray(0, MAX_OUTPUT_BYTES).toString('utf8');
}

function goError(e: unknown, url: URL, signal: AbortSignal): string {
  if (signal.aborted) return 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const hostPort = url.host || url.hostname;
  if (code === 'ECONNREFUSED') return `dial tcp ${hostPort}: connect: connection refused`;
  if (code === 'EHOSTUNREACH') return `dial tcp ${hostPort}: connect: no route to host`;
  return e instanceof Error ? e.message : String(e);
}
