/**
 * EndpointSlices, as upstream's printEndpointSlice: at most three ports (number, else name, else `*`) and three
 * addresses, then `+ N more...`; `<unset>` when empty.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

const MAX_SHOWN = 3;

export function listWithMore(items: readonly string[]): string {
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, MAX_SHOWN).join(',');
  return items.length > MAX_SHOWN ? `${shown} + ${items.length - MAX_SHOWN} more...` : shown;
}

export const endpointSliceTable: TableConvertor<EndpointSlice> = {
  columns: [
    nameColumn,
    column('AddressType', d('EndpointSlice.addressType')),
    column('Ports', d('EndpointSlice.ports')),
    column('Endpoints', d('EndpointSlice.endpoints')),
    ageColumn,
  ],
  cells(slice, now) {
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [nameOf(slice), slice.addressType ?? '', listWithMore(ports), listWithMore(addresses), ageOf(slice, now)];
  },
};

export const DISCOVERY_V1_TABLES: Readonly<Record<string, TableConvertor>> = { EndpointSlice: endpointSliceTable };
