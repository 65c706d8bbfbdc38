/**
 * Selection in the fake as the server does it: label selectors on metadata.labels, field selectors on any
 * dotted path of the object (metadata.name, metadata.namespace, spec.nodeName, status.phase …; absent = "").
 */
import { parseSelector } from '../../machinery/labels/index.js';
import { parseFieldSelector } from '../../machinery/fields/index.js';
import type { KubeObject } from '../interface.js';

export type ObjectFilter = (obj: KubeObject) => boolean;

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' || typeof cur === 'number' || typeof cur === 'boolean' ? String(cur) : '';
}

/** The filter of a label and a field selector; throws the parsers' errors (400 for a bad field selector). */
export function objectFilter(labelSelector?: string, fieldSelector?: string): ObjectFilter {
  const labels = parseSelector(labelSelector ?? '');
  const fields = parseFieldSelector(fieldSelector ?? '');
  if (labels.isEverything() && fields.isEverything()) return () => true;
  const names = fields.requiredFields();
  return (obj) => {
    if (!labels.matches(obj.metadata?.labels)) return false;
    const values: Record<string, string> = {};
    for (const n of names) values[n] = fieldValue(obj, n);
    return fields.matches(values);
  };
}
