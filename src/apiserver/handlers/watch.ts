/**
 * WATCH: a chunked stream of JSON lines `{"type":…,"object":…}` with headers flushed at once (kubectl's wait
 * and rollout status hang otherwise). Without a resourceVersion (or "0") the current objects are sent as ADDED
 * first; with one, every change after it is replayed. A compacted resourceVersion answers one ERROR event with a
 * 410 Expired Status. Selectors turn a MODIFIED that leaves (enters) the selection into DELETED (ADDED).
 */
import { newBadRequest, newResourceExpired, newInternalError, StatusError } from '../../machinery/errors/status.js';
import type { WatchEvent } from '../../storage/interface.js';
import { CompactedError } from '../../storage/errors.js';
import { decodeObject, listPrefix } from '../registry/generic/codec.js';
import { listObjects } from '../registry/generic/list.js';
import type { KObject } from '../registry/resource.js';
import { negotiate, type Negotiated } from '../request/negotiate.js';
import { buildPredicate } from '../request/selectors.js';
import { includeObjectParam, partialObjectMetadata, toTable } from '../response/table.js';
import { withTypeMeta } from './output.js';
import type { ResourceRequest } from './types.js';

/** Upstream picks a random timeout in [minRequestTimeout, 2×minRequestTimeout) with minRequestTimeout 1800 s. */
const DEFAULT_TIMEOUT_S = 1800;
const BOOKMARK_INTERVAL_MS = 60_000;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export async function handleWatch(r: ResourceRequest): Promise<void> {
  const q = r.query;
  const n = negotiate(r.req.headers.accept);
  const predicate = buildPredicate(r.registry.def, q) ?? (() => true);
  const rv = q.get('resourceVersion') ?? '';
  if (rv !== '' && !/^\d+$/.test(rv)) throw newBadRequest(`invalid resource version: ${rv}`);
  const timeoutS = q.get('timeoutSeconds') ? Number(q.get('timeoutSeconds')) : DEFAULT_TIMEOUT_S;
  if (!Number.isFinite(timeoutS) || timeoutS < 0) throw newBadRequest(`invalid timeoutSeconds: ${q.get('timeoutSeconds')}`);

  const initial = rv === '' || rv === '0' ? await listObjects(r.registry, r.info.namespace, { predicate }) : undefined;
  const stream = new WatchStream(r, n);
  r.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  r.res.flushHeaders();
  for (const obj of initial?.items ?? []) stream.send('ADDED', obj);

  const ac = new AbortController();
  const finish = () => {
    if (ac.signal.aborted) return;
    ac.abort();
    timer.cancel();
    bookmarks?.cancel();
    r.res.end();
  };
  const timer = r.services.clock.setTimeout(finish, timeoutS * 1000);
  r.req.on('close', finish);
  r.res.on('close', finish);
  let lastRV = initial?.resourceVersion ?? rv;
  const bookmarks = q.get('allowWatchBookmarks') === 'true' ? scheduleBookmarks(r, stream, () => lastRV, ac.signal) : undefined;

  r.registry.deps.store.watch(listPrefix(r.registry.info, r.info.namespace), { fromRevision: lastRV, signal: ac.signal }, {
    onEvents: (events) => {
      for (const ev of events) {
        lastRV = ev.value.revision;
        deliver(stream, ev, predicate);
      }
    },
    onError: (err) => {
      stream.sendStatus(err instanceof CompactedError ? newResourceExpired(`too old resource version: ${err.requested} (${err.compacted})`) : newInternalError(err));
      finish();
    },
  });
}

function deliver(stream: WatchStream, ev: WatchEvent, predicate: (o: KObject) => boolean): void {
  const obj = decodeObject(ev.value);
  const prev = ev.prevValue ? decodeObject(ev.prevValue) : undefined;
  if (ev.type === 'DELETED') {
    if (predicate(prev ?? obj)) stream.send('DELETED', obj);
    return;
  }
  const now = predicate(obj);
  const before = prev ? predicate(prev) : false;
  if (ev.type === 'ADDED') {
    if (now) stream.send('ADDED', obj);
  } else if (now && before) stream.send('MODIFIED', obj);
  else if (now) stream.send('ADDED', obj);
  else if (before) stream.send('DELETED', obj);
}

function scheduleBookmarks(r: ResourceRequest, stream: WatchStream, rv: () => string, signal: AbortSignal) {
  let t = r.services.clock.setTimeout(function tick() {
    if (signal.aborted) return;
    stream.bookmark(rv());
    t = r.services.clock.setTimeout(tick, BOOKMARK_INTERVAL_MS);
  }, BOOKMARK_INTERVAL_MS);
  return { cancel: () => t.cancel() };
}

/** Serialises events in the negotiated form; a Table watch sends column definitions in the first event only. */
class WatchStream {
  private columnsSent = false;

  constructor(private readonly r: ResourceRequest, private readonly n: Negotiated) {}

  send(type: EventType, obj: KObject): void {
    this.write(type, this.render(obj));
  }

  bookmark(rv: string): void {
    const tm = withTypeMeta(this.r, {});
    this.write('BOOKMARK', { ...tm, metadata: { resourceVersion: rv } });
  }

  sendStatus(err: StatusError): void {
    this.write('ERROR', err.status);
  }

  private render(obj: KObject): KObject {
    const { r, n } = this;
    if (n.form === 'table') {
      const withColumns = !this.columnsSent;
      this.columnsSent = true;
      return toTable(r.registry.def.strategy.table, [obj], {
        now: r.services.clock.now(),
        include: includeObjectParam(r.query.get('includeObject')),
        metaVersion: n.metaVersion,
        resourceVersion: obj.metadata?.resourceVersion,
        withColumns,
      });
    }
    if (n.form === 'partial') return partialObjectMetadata(obj, n.metaVersion);
    return withTypeMeta(r, obj);
  }

  private write(type: EventType, object: unknown): void {
    if (this.r.res.writableEnded) return;
    this.r.res.write(`${JSON.stringify({ type, object })}\n`);
  }
}
