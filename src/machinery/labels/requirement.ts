/**
 * One label requirement (`key op values`), as upstream's labels.Requirement: construction validates the key, the
 * values and the operator's arity; matching and printing follow upstream exactly.
 */
import { validateLabelValue, validateQualifiedName } from './validation.js';

/** `exists` prints as `k`, `!` (does not exist) as `!k`; `gt`/`lt` print as `k>v` / `k<v`. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted and de-duplicated for `in`/`notin`; one value for `=`, `==`, `!=`, `gt`, `lt`; empty otherwise. */
  readonly values: readonly string[];
}

const OPERATORS: readonly Operator[] = ['=', '==', '!=', 'in', 'notin', 'exists', '!', 'gt', 'lt'];
const INTEGER_RE = /^[+-]?\d+$/;

const invalid = (field: string, value: unknown, detail: string): string =>
  `${field}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

function arityErrors(op: Operator, values: readonly string[]): string[] {
  switch (op) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [invalid('values', values, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return values.length !== 1 ? [invalid('values', values, 'exact-match compatibility requires one single value')] : [];
    case 'exists':
    case '!':
      return values.length !== 0 ? [invalid('values', values, 'values set must be empty for exists and does not exist')] : [];
    case 'gt':
    case 'lt':
      if (values.length !== 1) return [invalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required")];
      return values.flatMap((v, i) =>
        INTEGER_RE.test(v) ? [] : [invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")],
      );
  }
}

/** Upstream's aggregate error text: one message alone, several as `[a, b]`. */
export const aggregate = (errs: readonly string[]): string => (errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);

/** Every problem with a would-be requirement, in upstream's order (key, arity, values). */
export function requirementErrors(key: string, op: string, values: readonly string[]): string[] {
  const errs: string[] = [];
  const keyErrs = validateQualifiedName(key);
  if (keyErrs.length > 0) errs.push(invalid('key', key, keyErrs.join('; ')));
  if (!OPERATORS.includes(op as Operator)) {
    const supported = OPERATORS.map((o) => JSON.stringify(o)).join(', ');
    return errs.concat(`operator: Unsupported value: ${JSON.stringify(op)}: supported values: ${supported}`);
  }
  errs.push(...arityErrors(op as Operator, values));
  values.forEach((v, i) => {
    const valueErrs = validateLabelValue(v);
    if (valueErrs.length > 0) errs.push(invalid(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  return errs;
}

/** Builds a validated requirement; throws an Error with upstream's message when it is invalid. */
export function newRequirement(key: string, op: Operator, values: readonly string[] = []): Requirement {
  const errs = requirementErrors(key, op, values);
  if (errs.length > 0) throw new Error(aggregate(errs));
  const set = op === 'in' || op === 'notin' ? [...new Set(values)].sort() : [...values];
  return { key, operator: op, values: set };
}

function compareInts(label: string, value: string, op: 'gt' | 'lt'): boolean {
  if (!INTEGER_RE.test(label) || !INTEGER_RE.test(value)) return false;
  const l = BigInt(label);
  const r = BigInt(value);
  return op === 'gt' ? l > r : l < r;
}

/** Whether `labels` satisfy the requirement (a missing label satisfies only `!=`, `notin` and `!`). */
export function matchesRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key]! : '';
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt':
      return has && r.values.length === 1 && compareInts(value, r.values[0]!, r.operator);
  }
}

/** The canonical text of one requirement, e.g. `tier in (a,b)`, `!canary`, `app=web`. */
export function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0] ?? ''}`;
    case 'lt':
      return `${r.key}<${r.values[0] ?? ''}`;
    default:
      return `${r.key}${r.operator}${r.values[0] ?? ''}`;
  }
}
