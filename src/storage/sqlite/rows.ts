import type { StoredValue, WatchEvent } from '../interface.js';
import type { EventRow, LogRow } from './schema.js';

/** The value a live row holds. */
export function rowValue(row: LogRow): StoredValue {
  return {
    key: row.name,
    value: row.value,
    revision: String(row.id),
    createRevision: String(row.create_revision),
  };
}

/** The watch event a log row records; a tombstone's value is the deleted value stamped with the delete revision. */
export function rowEvent(row: EventRow): WatchEvent {
  const value = rowValue(row);
  if (row.created) return { type: 'ADDED', key: row.name, value };
  const prevValue: StoredValue | undefined =
    row.prev_value === null
      ? undefined
      : {
          key: row.name,
          value: row.prev_value,
          revision: String(row.prev_revision),
          createRevision: String(row.prev_create_revision ?? row.create_revision),
        };
  const type = row.deleted ? 'DELETED' : 'MODIFIED';
  return prevValue ? { type, key: row.name, value, prevValue } : { type, key: row.name, value };
}
