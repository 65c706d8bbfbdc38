import type { IKeyValue } from 'etcd3';
import type { StoredValue } from '../interface.js';

/** The end of the byte range of keys starting with `prefix` (etcd's convention: "\0" means "to the end"). */
export function bytesPrefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]! += 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** Maps store keys to etcd keys under a fixed prefix (e.g. "/registry") and back. */
export class KeySpace {
  private readonly prefix: Buffer;

  constructor(prefix: string) {
    this.prefix = Buffer.from(prefix);
  }

  key(key: string): Buffer {
    return Buffer.concat([this.prefix, Buffer.from(key)]);
  }

  /** [start, end) for the keys under `keyPrefix`, starting at `startKey` when it is past the prefix. */
  range(keyPrefix: string, startKey?: string): { key: Buffer; range_end: Buffer } {
    const first = startKey !== undefined && startKey > keyPrefix ? startKey : keyPrefix;
    const key = this.key(first);
    // etcd rejects an empty key; "\0" is the smallest key, so [\0, \0) with range_end "\0" means everything.
    return { key: key.length > 0 ? key : Buffer.from([0]), range_end: bytesPrefixEnd(this.key(keyPrefix)) };
  }

  strip(key: Buffer): string {
    return key.subarray(this.prefix.length).toString();
  }

  value(kv: IKeyValue): StoredValue {
    return {
      key: this.strip(kv.key),
      value: kv.value.toString(),
      revision: String(kv.mod_revision),
      createRevision: String(kv.create_revision),
    };
  }
}
