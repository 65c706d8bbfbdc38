import type { Etcd3, IWatchResponse } from 'etcd3';
import { CompactedError, StoreUnavailableError } from '../errors.js';
import type { WatchEvent, WatchHandler } from '../interface.js';
import { WatchSink } from '../internal/watch-sink.js';
import type { KeySpace } from './keys.js';

/**
 * One etcd watch stream per Store watch, created with prev_kv from `from + 1`. etcd sends the events of one
 * watcher in revision order, each once, so they are forwarded as they come. The stream is not resumed after a
 * failure: the watch ends with StoreUnavailableError and the caller re-watches from its last revision (the
 * etcd3 client's own resuming watcher is not used because it may skip events if it reconnects during a replay).
 * A watch below the compacted revision is cancelled by etcd with `compact_revision` set: CompactedError.
 * Returns a function that ends the watch silently (store close).
 */
export function watchEtcd(
  client: Etcd3,
  keys: KeySpace,
  range: { key: Buffer; range_end: Buffer },
  from: string | undefined,
  signal: AbortSignal,
  handler: WatchHandler,
  hooks: { onCompacted(revision: string): void; onEnd(): void },
): () => void {
  let cancel = (): void => undefined;
  const sink = new WatchSink(handler, signal, () => (cancel(), hooks.onEnd()));
  const onCompacted = hooks.onCompacted;
  const onResponse = (res: IWatchResponse): void => {
    if (res.canceled) {
      if (res.compact_revision && res.compact_revision !== '0') {
        onCompacted(res.compact_revision);
        sink.fail(new CompactedError(from ?? '?', res.compact_revision));
      } else {
        sink.fail(new StoreUnavailableError(`etcd watch cancelled: ${res.cancel_reason || 'no reason given'}`));
      }
      return;
    }
    for (const ev of res.events ?? []) sink.push(toEvent(keys, ev));
  };
  client.watchClient.watch().then(
    (stream) => {
      // Half-close before cancelling: the etcd3 client counts a cancel of a still-writable stream as a host failure,
      // and three at once open its circuit breaker (every request then fails with 503 for seconds).
      cancel = () => {
        stream.end();
        stream.cancel();
      };
      if (sink.closed) return cancel();
      stream.on('data', onResponse);
      stream.on('error', (err) => sink.fail(new StoreUnavailableError(`etcd watch failed: ${err.message}`)));
      stream.on('end', () => sink.fail(new StoreUnavailableError('etcd watch stream ended')));
      const start = from === undefined ? {} : { start_revision: String(BigInt(from) + 1n) };
      stream.write({ create_request: { ...range, ...start, prev_kv: true } });
    },
    (err: unknown) => sink.fail(new StoreUnavailableError(`etcd watch failed: ${String(err)}`)),
  );
  return () => sink.end();
}

function toEvent(keys: KeySpace, ev: IWatchResponse['events'][number]): WatchEvent {
  const key = keys.strip(ev.kv.key);
  const prevValue = ev.prev_kv ? keys.value(ev.prev_kv) : undefined;
  // The client decodes enums by their proto names ('PUT', 'DELETE'), whatever its typings say.
  if (String(ev.type).toUpperCase() === 'DELETE') {
    const value = {
      key,
      value: prevValue?.value ?? '',
      revision: String(ev.kv.mod_revision),
      createRevision: prevValue?.createRevision ?? '0',
    };
    return prevValue ? { type: 'DELETED', key, value, prevValue } : { type: 'DELETED', key, value };
  }
  const value = keys.value(ev.kv);
  if (ev.kv.create_revision === ev.kv.mod_revision) return { type: 'ADDED', key, value };
  return prevValue ? { type: 'MODIFIED', key, value, prevValue } : { type: 'MODIFIED', key, value };
}
