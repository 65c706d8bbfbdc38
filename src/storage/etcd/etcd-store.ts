import { Etcd3, type IOptions, type IRangeResponse, type ITxnRequest } from 'etcd3';
import { ConflictError, KeyExistsError, NotFoundError } from '../errors.js';
import type { GetOptions, ListOptions, ListResult, Store, StoredValue, WatchHandler, WatchOptions } from '../interface.js';
import { parseRevision } from '../internal/revision.js';
import { isCompactedMessage, mapEtcdError } from './etcd-errors.js';
import { watchEtcd } from './etcd-watch.js';
import { KeySpace } from './keys.js';

export interface EtcdStoreOptions {
  endpoints: string[];
  /**
   * PEM contents for https endpoints: `ca` verifies the server (system roots when absent); `cert` + `key` enable
   * client-certificate authentication.
   */
  tls?: { ca?: Buffer | string | undefined; cert?: Buffer | string | undefined; key?: Buffer | string | undefined };
  /** Prepended to every key in etcd, e.g. "/registry". Default "". */
  prefix?: string;
  /** Deadline of each unary request (default 10 s); an expired deadline is StoreUnavailableError. */
  requestTimeoutMs?: number;
  /** Connection timeout (default 5 s). */
  dialTimeoutMs?: number;
}

const buf = (s: Buffer | string | undefined): Buffer | undefined => (s === undefined ? undefined : Buffer.from(s));

function clientOptions(opts: EtcdStoreOptions): IOptions {
  const timeout = opts.requestTimeoutMs ?? 10_000;
  const o: IOptions = {
    hosts: opts.endpoints,
    dialTimeout: opts.dialTimeoutMs ?? 5_000,
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + timeout }),
  };
  if (opts.tls) {
    // The client hands rootCertificate to grpc's createSsl, which takes null/undefined as "the system roots".
    o.credentials = { rootCertificate: buf(opts.tls.ca) as Buffer };
    const [cert, key] = [buf(opts.tls.cert), buf(opts.tls.key)];
    if (cert) o.credentials.certChain = cert;
    if (key) o.credentials.privateKey = key;
  }
  return o;
}

/**
 * A Store over etcd v3. Every write is one etcd transaction that compares the key's create/mod revision, so CAS is
 * etcd's. Revisions are etcd's global revisions (shared by every prefix and client of the cluster), and so is
 * compaction. The etcd3 client retries requests that failed with a retryable transport error; a write whose
 * first attempt committed but whose answer was lost then reports KeyExistsError or ConflictError, the same
 * ambiguity any etcd client has (Kubernetes' too).
 */
export class EtcdStore implements Store {
  private readonly client: Etcd3;
  private readonly keys: KeySpace;
  /** The highest compaction revision this store has seen (its own compactions, errors, watch cancels). */
  private knownCompacted = 0;
  private readonly watches = new Set<() => void>();

  constructor(opts: EtcdStoreOptions) {
    this.client = new Etcd3(clientOptions(opts));
    this.keys = new KeySpace(opts.prefix ?? '');
  }

  async get(key: string, opts?: GetOptions): Promise<StoredValue | undefined> {
    const revision = opts?.revision === undefined ? 0 : parseRevision(opts.revision);
    const res = await this.call(() => this.client.kv.range({ key: this.keys.key(key), revision }), opts?.revision);
    const kv = res.kvs[0];
    return kv ? this.keys.value(kv) : undefined;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const revision = opts.revision === undefined ? 0 : parseRevision(opts.revision);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const req = { ...this.keys.range(prefix, opts.startKey), revision, limit: limit > 0 ? limit + 1 : 0 };
    const res = await this.call(() => this.client.kv.range(req), opts.revision);
    const items = res.kvs.slice(0, limit || res.kvs.length).map((kv) => this.keys.value(kv));
    const result: ListResult = { items, revision: opts.revision ?? res.header.revision };
    if (limit > 0 && res.kvs.length > limit) {
      result.nextKey = this.keys.strip(res.kvs[limit]!.key);
      result.remaining = Number(res.count) - limit;
    }
    return result;
  }

  async count(prefix: string): Promise<number> {
    const res = await this.call(() => this.client.kv.range({ ...this.keys.range(prefix), count_only: true }));
    return Number(res.count);
  }

  async create(key: string, value: string): Promise<StoredValue> {
    const k = this.keys.key(key);
    const res = await this.txn({
      compare: [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }],
      success: [{ request_put: { key: k, value: Buffer.from(value) } }],
    });
    if (!res.succeeded) throw new KeyExistsError(`key ${key} already exists`, key);
    return { key, value, revision: res.header.revision, createRevision: res.header.revision };
  }

  async update(key: string, value: string, expectedRevision: string): Promise<StoredValue> {
    const k = this.keys.key(key);
    const res = await this.txn({
      compare: [
        { key: k, target: 'Version', result: 'Greater', version: 0 },
        { key: k, target: 'Mod', result: 'Equal', mod_revision: parseRevision(expectedRevision) },
      ],
      success: [{ request_put: { key: k, value: Buffer.from(value), prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    if (!res.succeeded) this.failedCas(key, res.responses[0]?.response_range, expectedRevision);
    const prev = res.responses[0]!.response_put.prev_kv;
    return { key, value, revision: res.header.revision, createRevision: String(prev.create_revision) };
  }

  /** Returns the value as it was before the delete (its revision is that of the last write, not the delete's). */
  async delete(key: string, expectedRevision?: string): Promise<StoredValue> {
    const k = this.keys.key(key);
    const compare: NonNullable<ITxnRequest['compare']> = [{ key: k, target: 'Version', result: 'Greater', version: 0 }];
    if (expectedRevision !== undefined) {
      compare.push({ key: k, target: 'Mod', result: 'Equal', mod_revision: parseRevision(expectedRevision) });
    }
    const res = await this.txn({
      compare,
      success: [{ request_delete_range: { key: k, prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    if (!res.succeeded) this.failedCas(key, res.responses[0]?.response_range, expectedRevision);
    return this.keys.value(res.responses[0]!.response_delete_range.prev_kvs[0]!);
  }

  watch(prefix: string, opts: WatchOptions, handler: WatchHandler): void {
    if (opts.fromRevision !== undefined) parseRevision(opts.fromRevision, 'fromRevision');
    const onCompacted = (r: string): void => void (this.knownCompacted = Math.max(this.knownCompacted, Number(r)));
    const range = this.keys.range(prefix);
    const stop = watchEtcd(this.client, this.keys, range, opts.fromRevision, opts.signal, handler, {
      onCompacted,
      onEnd: () => this.watches.delete(stop),
    });
    this.watches.add(stop);
  }

  async currentRevision(): Promise<string> {
    const res = await this.call(() => this.client.kv.range({ ...this.keys.range(''), count_only: true }));
    return res.header.revision;
  }

  /**
   * etcd does not report its compaction revision to clients, so it is found exactly by bisection: the smallest
   * revision a read accepts, searched between the highest compaction seen and the current revision (about
   * log2(current) cheap count-only reads). "0" when nothing was ever compacted.
   */
  async compactedRevision(): Promise<string> {
    let lo = Math.max(this.knownCompacted, 1);
    let hi = parseRevision(await this.currentRevision());
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.readable(mid)) hi = mid;
      else lo = mid + 1;
    }
    this.knownCompacted = Math.max(this.knownCompacted, lo);
    return lo === 1 ? '0' : String(lo);
  }

  /** Compacts etcd (the whole keyspace, not only this prefix) and waits until the compaction is applied. */
  async compact(revision: string): Promise<void> {
    const rev = parseRevision(revision);
    try {
      await this.client.kv.compact({ revision: rev, physical: true });
    } catch (err) {
      if (!isCompactedMessage(err)) throw this.mapError(err, revision);
      return; // already compacted at or past `revision`: nothing to do
    }
    this.knownCompacted = Math.max(this.knownCompacted, rev);
  }

  async close(): Promise<void> {
    for (const stop of [...this.watches]) stop();
    this.watches.clear();
    this.client.close();
  }

  private async readable(revision: number): Promise<boolean> {
    try {
      await this.client.kv.range({ ...this.keys.range(''), revision, count_only: true });
      return true;
    } catch (err) {
      if (isCompactedMessage(err)) return false;
      throw this.mapError(err, String(revision));
    }
  }

  private failedCas(key: string, range: IRangeResponse | undefined, expected: string | undefined): never {
    const kv = range?.kvs[0];
    if (!kv) throw new NotFoundError(`key ${key} not found`, key);
    const current = this.keys.value(kv);
    throw new ConflictError(`key ${key} is at revision ${current.revision}, not ${expected}`, key, current);
  }

  private txn(req: ITxnRequest): ReturnType<Etcd3['kv']['txn']> {
    return this.call(() => this.client.kv.txn(req));
  }

  private async call<T>(fn: () => Promise<T>, requested?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.mapError(err, requested);
    }
  }

  private mapError(err: unknown, requested: string | undefined): Error {
    return mapEtcdError(err, requested, () => String(this.knownCompacted));
  }
}

/** Connects to etcd (lazily: the first request dials). */
export function openEtcdStore(opts: EtcdStoreOptions): EtcdStore {
  return new EtcdStore(opts);
}
