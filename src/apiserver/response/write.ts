/** Writing responses: JSON (or YAML when asked) bodies and Status errors with the right HTTP code. */
import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import { newInternalError, StatusError, type Status } from '../../machinery/errors/status.js';
import type { Encoding } from '../request/negotiate.js';

export function writeJson(res: ServerResponse, code: number, body: unknown, encoding: Encoding = 'json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = encoding === 'yaml' ? toYaml(body) : JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': encoding === 'yaml' ? 'application/yaml' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

/** Turns any thrown value into a Status response (500 for the unexpected, which is also logged by the caller). */
export function writeError(res: ServerResponse, err: unknown): Status {
  const se = err instanceof StatusError ? err : newInternalError(err);
  const status = se.status;
  if (status.code === 429 && status.details?.retryAfterSeconds) res.setHeader('Retry-After', String(status.details.retryAfterSeconds));
  writeJson(res, status.code, status);
  return status;
}

/** Adds `Warning: 299 - "<text>"` headers, as upstream does for field validation and deprecations. */
export function addWarnings(res: ServerResponse, warnings: string[]): void {
  if (!warnings.length) return;
  const values = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  const prev = res.getHeader('Warning');
  res.setHeader('Warning', prev ? [...([] as string[]).concat(prev as string[]), ...values] : values);
}
