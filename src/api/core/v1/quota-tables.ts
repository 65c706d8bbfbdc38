/**
 * ResourceQuotas (`requests.cpu: 0/1, …` split into REQUEST and LIMIT by the `limits` prefix, as upstream's
 * printResourceQuota) and LimitRanges (no printer upstream: NAME, CREATED AT).
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import {
  ageColumn,
  ageOf,
  column,
  createdAtTableConvertor,
  nameColumn,
  nameOf,
} from '../../../machinery/meta/table-columns.js';

export function quotaCells(rq: ResourceQuota): [string, string] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const parts = name.split('.');
    const target = parts.length > 1 && parts[0] === 'limits' ? limit : request;
    target.push(`${name}: ${used[name] ?? '0'}/${hard[name]}`);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuotaTable: TableConvertor<ResourceQuota> = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column(
      'Limit',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
  ],
  cells: (rq, now) => [nameOf(rq), ageOf(rq, now), ...quotaCells(rq)],
};

export const limitRangeTable = createdAtTableConvertor;
