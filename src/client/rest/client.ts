/**
 * The REST implementation of `Client` over a Transport: upstream's URLs and query parameters, JSON bodies, the
 * patch content types, DeleteOptions bodies, and every non-2xx answer thrown as a StatusError.
 */
import type {
  Client,
  DeleteOptions,
  KubeObject,
  ListOptions,
  ObjectList,
  PatchType,
  ResourceRef,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '../interface.js';
import { errorFromResponse, isStatusObject } from './errors.js';
import { listQuery, resourcePath, watchQuery, withQuery, writeQuery } from './paths.js';
import type { Transport } from './transport.js';
import { decodeWatchStream } from './watch-decoder.js';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

const JSON_TYPE = 'application/json';

function deleteBody(o: DeleteOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (o.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = o.gracePeriodSeconds;
  if (o.propagationPolicy) body.propagationPolicy = o.propagationPolicy;
  if (o.preconditions) body.preconditions = o.preconditions;
  if (o.dryRun) body.dryRun = ['All'];
  return body;
}

function nameOf(obj: KubeObject): string {
  const name = obj.metadata?.name;
  if (!name) throw new Error('update: the object has no metadata.name');
  return name;
}

/**
 * The answer to a DELETE: a Success Status means the object is gone. An object is returned while it is kept for
 * finalizers or a grace period (202 upstream; k8ts answers 200 with a deletionTimestamp set); pods answer with the
 * deleted object itself even when it is gone, recognised by the absent deletionTimestamp.
 */
function deleted<T extends KubeObject>(status: number, body: unknown): T | undefined {
  if (body === undefined || isStatusObject(body)) return undefined;
  const obj = body as T;
  return status === 202 || obj.metadata?.deletionTimestamp ? obj : undefined;
}

export class RestClient implements Client {
  constructor(private readonly transport: Transport) {}

  /** Sends one request; resolves with the status and the decoded JSON body, throws a StatusError for non-2xx. */
  private async send(method: string, path: string, body?: unknown, contentType = JSON_TYPE): Promise<{ status: number; body: unknown }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Accept: JSON_TYPE, ...(payload !== undefined ? { 'Content-Type': contentType } : {}) };
    const res = await this.transport.request(method, path, headers, payload);
    if (res.status < 200 || res.status > 299) throw errorFromResponse(res.status, res.headers, res.body);
    if (res.body.length === 0) return { status: res.status, body: undefined };
    try {
      return { status: res.status, body: JSON.parse(res.body.toString('utf8')) };
    } catch {
      throw new Error(`${method} ${path}: the server answered ${res.status} with a body that is not JSON`);
    }
  }

  async get<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string): Promise<T> {
    return (await this.send('GET', resourcePath(r, { namespace, name }))).body as T;
  }

  async list<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, opts?: ListOptions): Promise<ObjectList<T>> {
    return (await this.send('GET', withQuery(resourcePath(r, { namespace }), listQuery(opts)))).body as ObjectList<T>;
  }

  async create<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, obj: T, opts?: WriteOptions): Promise<T> {
    return (await this.send('POST', withQuery(resourcePath(r, { namespace }), writeQuery(opts)), obj)).body as T;
  }

  async update<T extends KubeObject = KubeObject>(
    r: ResourceRef,
    namespace: string,
    obj: T,
    opts: WriteOptions & { subresource?: string } = {},
  ): Promise<T> {
    const path = resourcePath(r, { namespace, name: nameOf(obj), ...(opts.subresource ? { subresource: opts.subresource } : {}) });
    return (await this.send('PUT', withQuery(path, writeQuery(opts)), obj)).body as T;
  }

  async patch<T extends KubeObject = KubeObject>(
    r: ResourceRef,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: string } = {},
  ): Promise<T> {
    const contentType = PATCH_CONTENT_TYPES[type];
    if (!contentType) throw new Error(`unsupported patch type "${String(type)}": want json, merge or strategic`);
    const path = resourcePath(r, { namespace, name, ...(opts.subresource ? { subresource: opts.subresource } : {}) });
    return (await this.send('PATCH', withQuery(path, writeQuery(opts)), patch, contentType)).body as T;
  }

  async delete<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): Promise<T | undefined> {
    const res = await this.send('DELETE', resourcePath(r, { namespace, name }), deleteBody(opts));
    return deleted<T>(res.status, res.body);
  }

  async deleteCollection(r: ResourceRef, namespace: string, opts: ListOptions & DeleteOptions = {}): Promise<void> {
    await this.send('DELETE', withQuery(resourcePath(r, { namespace }), listQuery(opts)), deleteBody(opts));
  }

  async createSubresource<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, subresource: string, body: KubeObject): Promise<T> {
    return (await this.send('POST', resourcePath(r, { namespace, name, subresource }), body)).body as T;
  }

  /** The request is sent when iteration starts; leaving the loop early (break/return) closes the stream. */
  async *watch<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, opts: WatchOptions = {}): AsyncGenerator<WatchEvent<T>> {
    if (opts.signal?.aborted) return;
    const ac = new AbortController();
    const stop = () => ac.abort();
    opts.signal?.addEventListener('abort', stop, { once: true });
    try {
      const path = withQuery(resourcePath(r, { namespace }), watchQuery(opts));
      const res = await this.transport.stream('GET', path, { Accept: JSON_TYPE }, ac.signal);
      if (res.status < 200 || res.status > 299) throw errorFromResponse(res.status, res.headers, await drain(res.body));
      yield* decodeWatchStream<T>(res.body, ac.signal);
    } catch (err) {
      if (ac.signal.aborted) return;
      throw err;
    } finally {
      opts.signal?.removeEventListener('abort', stop);
      ac.abort();
    }
  }
}

async function drain(body: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks);
}
