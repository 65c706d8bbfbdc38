/** Resource lists and requirements (requests/limits): names, quantities, requests ≤ limits. */
import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { invalid, type ErrorList, type FieldPath } from '../../../machinery/validation/field.js';
import { isQualifiedName } from '../../../machinery/validation/names.js';
import { IS_NEGATIVE_ERROR_MSG } from '../../../machinery/validation/numeric.js';
import { Quantity, QuantityError } from '../../../machinery/quantity/quantity.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

/** Parses a quantity field; reports an invalid or negative one. */
export function validateQuantity(value: unknown, path: FieldPath): { q?: Quantity; errs: ErrorList } {
  try {
    const q = Quantity.parse(value as string | number);
    return q.sign() < 0 ? { errs: [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] } : { q, errs: [] };
  } catch (e) {
    const msg = e instanceof QuantityError ? e.message : 'unable to parse quantity';
    return { errs: [invalid(path, value, msg)] };
  }
}

export function validateContainerResourceName(name: string, path: FieldPath): ErrorList {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return [invalid(path, name, 'must be a standard resource for containers')];
  }
  return [];
}

/** Validates a ResourceList (`{cpu: "100m"}`); `nameCheck` validates the resource names. */
export function validateResourceList(
  list: Record<string, unknown> | undefined,
  path: FieldPath,
  nameCheck: (name: string, p: FieldPath) => ErrorList = (n, p) => isQualifiedName(n).map((m) => invalid(p, n, m)),
): { parsed: Map<string, Quantity>; errs: ErrorList } {
  const parsed = new Map<string, Quantity>();
  const errs: ErrorList = [];
  for (const [name, value] of Object.entries(list ?? {})) {
    const p = path.key(name);
    errs.push(...nameCheck(name, p));
    const r = validateQuantity(value, p);
    errs.push(...r.errs);
    if (r.q) parsed.set(name, r.q);
  }
  return { parsed, errs };
}

export function validateResourceRequirements(req: ResourceRequirements | undefined, path: FieldPath): ErrorList {
  const limits = validateResourceList(req?.limits, path.child('limits'), validateContainerResourceName);
  const requests = validateResourceList(req?.requests, path.child('requests'), validateContainerResourceName);
  const errs = [...limits.errs, ...requests.errs];
  for (const [name, request] of requests.parsed) {
    const limit = limits.parsed.get(name);
    if (limit && request.cmp(limit) > 0) {
      errs.push(invalid(path.child('requests').key(name), request.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
    }
  }
  return errs;
}
