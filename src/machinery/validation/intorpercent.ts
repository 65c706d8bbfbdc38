/** IntOrString amounts given as a count or a percentage (rolling-update surge, disruption budgets). */
import { invalid, type ErrorList, type FieldPath } from './field.js';
import { isValidPercent } from './names.js';
import { IS_NEGATIVE_ERROR_MSG } from './numeric.js';
import { percentValue, type IntOrString } from '../intstr/intstr.js';

/** A non-negative int, or a valid `N%` string. */
export function validatePositiveIntOrPercent(v: IntOrString | undefined, path: FieldPath): ErrorList {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return v < 0 ? [invalid(path, v, IS_NEGATIVE_ERROR_MSG)] : [];
  return isValidPercent(v).map((m) => invalid(path, v, m));
}

/** A percentage may not exceed 100%. */
export function validateNotMoreThan100Percent(v: IntOrString | undefined, path: FieldPath): ErrorList {
  const pct = percentValue(v);
  return pct !== undefined && pct > 100 ? [invalid(path, v, 'must not be greater than 100%')] : [];
}

/** True for 0 and "0%". */
export const isZeroIntOrPercent = (v: IntOrString | undefined): boolean => v === 0 || percentValue(v) === 0;
