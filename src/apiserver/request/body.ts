/**
 * Request body reading and decoding: JSON, YAML and Kubernetes protobuf in; a plain object out.
 * Limits protect the server: bodies above 3 MiB → 413; nesting deeper than MAX_DEPTH → 400;
 * YAML aliases are bounded (an alias bomb → 400).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  newBadRequest,
  newRequestEntityTooLarge,
  newUnsupportedMediaType,
} from '../../machinery/errors/status.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;
export const MAX_DEPTH = 1000;

/** Reads the whole body; rejects with 413 as soon as it exceeds the limit (and stops reading). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    return Promise.reject(newRequestEntityTooLarge(`limit is ${limit}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(newRequestEntityTooLarge(`limit is ${limit}`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => failed || resolve(Buffer.concat(chunks)));
    req.on('error', (e) => failed || reject(e));
  });
}

export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export type ProtobufDecoder = (body: Buffer) => Record<string, unknown>;

/** Decodes a request body by Content-Type. `protobuf` is injected (it lives in its own module). */
export function decodeBody(contentType: string | undefined, body: Buffer, protobuf?: ProtobufDecoder): unknown {
  const type = mediaType(contentType);
  if (body.length === 0) throw newBadRequest('the request body is empty; send a JSON or YAML object');
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (!protobuf) throw newUnsupportedMediaType(type);
    return protobuf(body);
  }
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml' || type === 'application/apply-patch+yaml') {
    return checkDepth(decodeYaml(body.toString('utf8')));
  }
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type === '*/*') {
    return checkDepth(decodeJson(body.toString('utf8')));
  }
  throw newUnsupportedMediaType(type);
}

export function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw newBadRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

export function decodeYaml(text: string): unknown {
  try {
    // maxAliasCount bounds alias expansion (a "billion laughs" document fails fast instead of exhausting memory).
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    throw newBadRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Iterative depth check, so that later recursive walks never meet a pathological document. */
export function checkDepth(value: unknown, max = MAX_DEPTH): unknown {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) throw newBadRequest(`the request body is nested deeper than the maximum of ${max} levels`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return value;
}

/** The decoded body must be a JSON object. */
export function asObject(value: unknown): Record<string, any> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw newBadRequest('the request body must be a JSON or YAML object');
  }
  return value as Record<string, any>;
}
