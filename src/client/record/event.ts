/**
 * Building core/v1 Events as upstream's recorder does: the name is `<object name>.<unix nanoseconds in hex>`, the
 * Event lives in the object's namespace (`default` for cluster-scoped objects), timestamps are metav1.Time.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import type { KubeObject } from '../interface.js';

export type CoreEvent = Event;

export interface EventSource {
  component: string;
  host?: string;
}

/** The involvedObject of an object, or undefined when it carries no kind (upstream cannot build a reference). */
export function referenceOf(obj: Readonly<KubeObject>): ObjectReference | undefined {
  if (!obj.kind) return undefined;
  const m = obj.metadata ?? {};
  const ref: ObjectReference = { kind: obj.kind, name: m.name ?? '' };
  if (m.namespace) ref.namespace = m.namespace;
  if (m.uid) ref.uid = m.uid;
  if (obj.apiVersion) ref.apiVersion = obj.apiVersion;
  if (m.resourceVersion) ref.resourceVersion = m.resourceVersion;
  return ref;
}

/** `<name>.<hex nanoseconds>`; `nanos` is a bigint so the hex form is exact. */
export const eventName = (objName: string, nanos: bigint): string => `${objName}.${nanos.toString(16)}`;

export interface MakeEventInput {
  ref: ObjectReference;
  type: string;
  reason: string;
  message: string;
  source: EventSource;
  now: Date;
  nanos: bigint;
}

export function makeEvent(i: MakeEventInput): CoreEvent {
  const t = formatRFC3339(i.now);
  const ev: CoreEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName(i.ref.name ?? '', i.nanos), namespace: i.ref.namespace || 'default' },
    involvedObject: i.ref,
    reason: i.reason,
    message: i.message,
    source: i.source.host ? { component: i.source.component, host: i.source.host } : { component: i.source.component },
    firstTimestamp: t,
    lastTimestamp: t,
    count: 1,
    type: i.type,
    reportingComponent: i.source.component,
    reportingInstance: i.source.host ?? '',
  };
  return ev;
}
