/**
 * How the REST client reaches an API server. A Transport sends one HTTP request and hands back the whole answer
 * (`request`), or the answer's body as a stream (`stream`, for watches: no timeout, ends when the server closes the
 * response or the signal aborts). Paths are absolute (`/api/v1/pods?limit=5`); the transport adds its base URL.
 * A transport never interprets status codes: a 404 is a response like any other.
 */
import type { Readable } from 'node:stream';

export type Headers = Record<string, string | string[] | undefined>;

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface StreamResponse {
  status: number;
  headers: Headers;
  /** The response body; destroyed (ends) when the signal aborts. */
  body: Readable;
}

export interface Transport {
  request(method: string, path: string, headers: Headers, body?: Buffer | string): Promise<TransportResponse>;
  stream(method: string, path: string, headers: Headers, signal: AbortSignal): Promise<StreamResponse>;
  /** Closes idle kept-alive connections; requests in flight finish. */
  close(): void;
}
