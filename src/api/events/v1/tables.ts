/**
 * events.k8s.io/v1 Events print exactly as core/v1 Events (upstream serves both from one internal type): this maps
 * the new field names (regarding, note, deprecated*) onto the core view.
 */
import type { Event } from 'kubernetes-types/events/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { eventCells, eventColumns, type EventView } from '../../core/v1/event-table.js';

export function eventViewOf(e: Event): EventView {
  return {
    metadata: e.metadata,
    type: e.type,
    reason: e.reason,
    message: e.note,
    involvedObject: { kind: e.regarding?.kind, name: e.regarding?.name, fieldPath: e.regarding?.fieldPath },
    source: e.deprecatedSource,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    eventTime: e.eventTime,
    count: e.deprecatedCount,
    series: e.series,
  };
}

export const eventsV1EventTable: TableConvertor<Event> = {
  columns: eventColumns,
  cells: (e, now) => eventCells(eventViewOf(e), now),
};

export const EVENTS_V1_TABLES: Readonly<Record<string, TableConvertor>> = { Event: eventsV1EventTable };
