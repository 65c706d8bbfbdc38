/**
 * Decodes a watch stream: newline-delimited JSON `{"type":…,"object":…}` events, which may arrive split across
 * chunks or several in one chunk. Yields events in the order the server wrote them; returns when the stream ends,
 * or when `signal` aborts (an abort is not an error, and no event is yielded after it, even one already received). A truncated last line, a malformed line or a transport
 * failure throws.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { WatchEvent } from '../interface.js';

const TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

export function parseWatchLine<T>(line: string): WatchEvent<T> {
  let ev: unknown;
  try {
    ev = JSON.parse(line);
  } catch {
    throw new Error(`watch: malformed event: ${line.slice(0, 200)}`);
  }
  const e = ev as { type?: unknown; object?: unknown };
  if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !TYPES.has(e.type) || typeof e.object !== 'object') {
    throw new Error(`watch: not a watch event: ${line.slice(0, 200)}`);
  }
  return ev as WatchEvent<T>;
}

export async function* decodeWatchStream<T>(body: Readable, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  try {
    for await (const chunk of body) {
      if (signal?.aborted) return;
      buffered += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (signal?.aborted) return;
        if (line) yield parseWatchLine<T>(line);
      }
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw err;
  } finally {
    body.destroy();
  }
  if (signal?.aborted) return;
  const rest = (buffered + decoder.end()).trim();
  if (rest) yield parseWatchLine<T>(rest);
}
