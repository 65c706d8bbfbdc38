/**
 * Events, as upstream's printEvent (shared by core/v1 and events.k8s.io/v1, which upstream converts to one internal
 * type): LAST SEEN falls back to the first timestamp or eventTime, a series overrides count and last seen, OBJECT is
 * `kind/name` in lower case.
 */
import type { Event } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { translateTimestampSince } from '../../../machinery/meta/timestamp.js';
import { d } from './table-descriptions.js';

/** The fields printed, named as in core/v1 (events.k8s.io/v1 maps onto it). */
export interface EventView {
  metadata?: Event['metadata'];
  type?: string | undefined;
  reason?: string | undefined;
  message?: string | undefined;
  involvedObject?: { kind?: string | undefined; name?: string | undefined; fieldPath?: string | undefined };
  source?: { component?: string | undefined; host?: string | undefined } | undefined;
  reportingComponent?: string | undefined;
  reportingInstance?: string | undefined;
  firstTimestamp?: string | undefined;
  lastTimestamp?: string | undefined;
  eventTime?: string | undefined;
  count?: number | undefined;
  series?: { count?: number | undefined; lastObservedTime?: string | undefined } | undefined;
}

function eventSource(e: EventView): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

function eventTimes(e: EventView, now: Date): { first: string; last: string; count: number } {
  const first = translateTimestampSince(e.firstTimestamp || e.eventTime, now);
  let last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = translateTimestampSince(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  return { first, last, count };
}

function objectCell(e: EventView): string {
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  return e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
}

export function eventCells(e: EventView, now: Date): unknown[] {
  const t = eventTimes(e, now);
  return [
    t.last,
    e.type ?? '',
    e.reason ?? '',
    objectCell(e),
    e.involvedObject?.fieldPath ?? '',
    eventSource(e),
    (e.message ?? '').trim(),
    t.first,
    t.count,
    nameOf(e),
  ];
}

export const eventColumns = [
  column('Last Seen', d('Event.lastTimestamp')),
  column('Type', d('Event.type')),
  column('Reason', d('Event.reason')),
  column('Object', d('Event.involvedObject')),
  wide('Subobject', d('ObjectReference.fieldPath')),
  wide('Source', d('Event.source')),
  column('Message', d('Event.message')),
  wide('First Seen', d('Event.firstTimestamp')),
  wide('Count', d('Event.count')),
  { ...wide('Name', nameColumn.description), format: 'name' },
] as const;

export const eventTable: TableConvertor<Event> = {
  columns: eventColumns,
  cells: (e, now) => eventCells(e, now),
};
