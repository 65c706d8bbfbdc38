/** Numeric field checks with upstream's messages (apimachinery's ValidateNonnegativeField and friends). */
import { invalid, type ErrorList, type FieldPath } from './field.js';

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';

export function validateNonnegative(value: number | undefined, path: FieldPath): ErrorList {
  return value !== undefined && value !== null && value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validatePositive(value: number | undefined, path: FieldPath): ErrorList {
  return value !== undefined && value !== null && value <= 0 ? [invalid(path, value, IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

/** `field is immutable` when the two values differ (deep comparison of JSON values). */
export function validateImmutable(next: unknown, prev: unknown, path: FieldPath): ErrorList {
  return deepEqual(next, prev) ? [] : [invalid(path, next, 'field is immutable')];
}

/** Structural equality of JSON values; `undefined` members equal missing ones. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}
