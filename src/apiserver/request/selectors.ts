/**
 * labelSelector and fieldSelector query parameters → one match function. Every resource supports
 * metadata.name and metadata.namespace; the rest comes from the strategy's selectableFields (unknown → 400
 * `field label not supported: <f>`).
 */
import { checkSupportedFields, parseFieldSelector } from '../../machinery/fields/index.js';
import { parseSelector } from '../../machinery/labels/index.js';
import type { KObject, ResourceDefinition } from '../registry/resource.js';

const BASE_FIELDS = ['metadata.name', 'metadata.namespace'];

export function buildPredicate(def: ResourceDefinition, query: URLSearchParams): ((obj: KObject) => boolean) | undefined {
  const labels = parseSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
  if (labels.isEverything() && fields.isEverything()) return undefined;
  const selectable = def.strategy.selectableFields;
  if (!fields.isEverything()) {
    const sample = selectable ? Object.keys(selectable({ metadata: {} } as KObject)) : [];
    checkSupportedFields(fields, [...BASE_FIELDS, ...sample]);
  }
  return (obj) => {
    if (!labels.matches(obj.metadata?.labels)) return false;
    if (fields.isEverything()) return true;
    const values: Record<string, string> = {
      'metadata.name': obj.metadata?.name ?? '',
      'metadata.namespace': obj.metadata?.namespace ?? '',
      ...(selectable ? selectable(obj) : {}),
    };
    return fields.matches(values);
  };
}
