/**
 * Plans the writes that turn a service's existing slices into the desired endpoint groups with little churn:
 *   1. a slice keeps the endpoints it already holds that are still desired (updated in place when they changed);
 *      a slice of a port set no longer desired, or of another address type, is deleted;
 *   2. new endpoints fill slices of their port set that have room (at most `maxPerSlice`), then new slices;
 *   3. a slice left empty is deleted — except that a service with no endpoints at all keeps exactly one empty
 *      placeholder slice, as upstream.
 * Pure: the caller writes the plan. Endpoints in a slice are sorted by address, so an unchanged slice compares equal.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { endpointId, portsKey, type EndpointGroup } from './desired.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePlan {
  /** New slices: endpoints and ports (metadata is added by the caller). */
  create: Pick<EndpointSlice, 'endpoints' | 'ports'>[];
  /** Existing slices with new endpoints (or ports); metadata kept from the cached slice. */
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

const byAddress = (a: Endpoint, b: Endpoint): number => (a.addresses[0] ?? '').localeCompare(b.addresses[0] ?? '') || endpointId(a).localeCompare(endpointId(b));

interface Work {
  slice: Readonly<EndpointSlice>;
  endpoints: Endpoint[];
}

export function planSlices(groups: Map<string, EndpointGroup>, existing: readonly Readonly<EndpointSlice>[], maxPerSlice = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const total = [...groups.values()].reduce((n, g) => n + g.endpoints.size, 0);
  if (total === 0) return placeholderPlan(existing);
  const placed = new Set<string>();
  const kept = new Map<string, Work[]>();
  for (const slice of existing) {
    const group = slice.addressType === 'IPv4' ? groups.get(portsKey(slice.ports ?? [])) : undefined;
    if (!group) {
      plan.delete.push(slice as EndpointSlice);
      continue;
    }
    const endpoints = (slice.endpoints ?? []).map((e) => group.endpoints.get(endpointId(e))).filter((e): e is Endpoint => e !== undefined && !placed.has(endpointId(e)));
    for (const e of endpoints) placed.add(endpointId(e));
    const list = kept.get(group.key) ?? [];
    list.push({ slice, endpoints });
    kept.set(group.key, list);
  }
  for (const group of groups.values()) fillGroup(group, kept.get(group.key) ?? [], placed, plan, maxPerSlice);
  return plan;
}

function fillGroup(group: EndpointGroup, works: Work[], placed: Set<string>, plan: SlicePlan, max: number): void {
  const fresh = [...group.endpoints.values()].filter((e) => !placed.has(endpointId(e))).sort(byAddress);
  for (const w of works) {
    while (w.endpoints.length < max && fresh.length > 0) w.endpoints.push(fresh.shift()!);
    if (w.endpoints.length === 0) {
      plan.delete.push(w.slice as EndpointSlice);
      continue;
    }
    w.endpoints.sort(byAddress);
    if (isDeepStrictEqual(w.endpoints, w.slice.endpoints ?? []) && isDeepStrictEqual(group.ports, w.slice.ports ?? [])) continue;
    plan.update.push({ ...structuredClone(w.slice as EndpointSlice), endpoints: w.endpoints, ports: group.ports });
  }
  for (let i = 0; i < fresh.length; i += max) plan.create.push({ endpoints: fresh.slice(i, i + max), ports: group.ports });
}

/** No endpoints: keep one empty slice without ports (reuse one that is already so), delete the rest. */
function placeholderPlan(existing: readonly Readonly<EndpointSlice>[]): SlicePlan {
  const isPlaceholder = (s: Readonly<EndpointSlice>): boolean => s.addressType === 'IPv4' && (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0;
  const keep = existing.find(isPlaceholder);
  return {
    create: keep ? [] : [{ endpoints: [], ports: [] }],
    update: [],
    delete: existing.filter((s) => s !== keep) as EndpointSlice[],
  };
}
