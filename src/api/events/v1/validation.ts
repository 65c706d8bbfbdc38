/** events.k8s.io/v1 Event validation (upstream's ValidateEventCreate for the events.k8s.io group). */
import type { Event } from 'kubernetes-types/events/v1.js';
import { FieldPath, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

const NOTE_LENGTH_LIMIT = 1024;

export function validateEvent(ev: Event): ErrorList {
  const errs = validateObjectMeta(ev.metadata, { namespaced: true });
  const root = (n: string): FieldPath => FieldPath.root(n);
  if (!ev.eventTime) errs.push(required(root('eventTime'), ''));
  if (ev.type && !['Normal', 'Warning'].includes(ev.type)) errs.push(notSupported(root('type'), ev.type, ['Normal', 'Warning']));
  if (!ev.reportingController) errs.push(required(root('reportingController'), ''));
  if (!ev.reportingInstance) errs.push(required(root('reportingInstance'), ''));
  if (!ev.action) errs.push(required(root('action'), ''));
  if (!ev.reason) errs.push(required(root('reason'), ''));
  if ((ev.note ?? '').length > NOTE_LENGTH_LIMIT) errs.push(invalid(root('note'), '', `can have at most ${NOTE_LENGTH_LIMIT} characters`));
  const ns = ev.regarding?.namespace;
  if (ns && ns !== ev.metadata?.namespace) errs.push(invalid(root('regarding').child('namespace'), ns, 'does not match event.namespace'));
  return errs;
}

export function validateEventUpdate(next: Event, prev: Event): ErrorList {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }), ...validateEvent(next).filter((e) => !e.field.startsWith('metadata'))];
}
