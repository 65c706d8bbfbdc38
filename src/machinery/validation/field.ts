/**
 * Field paths and field errors, as upstream's k8s.io/apimachinery/pkg/util/validation/field.
 * A path prints as `spec.template.spec.containers[0].image`; map keys print as `metadata.labels[app]`.
 */
import type { CauseType, StatusCause } from '../errors/status.js';

export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(name: string, ...more: string[]): FieldPath {
    return more.reduce((p, n) => p.child(n), new FieldPath(name));
  }

  child(name: string, ...more: string[]): FieldPath {
    const first = new FieldPath(this.text ? `${this.text}.${name}` : name);
    return more.reduce((p, n) => p.child(n), first);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

export interface FieldError {
  type: CauseType;
  field: string;
  /** The offending value, when it is printed in the message. */
  badValue?: unknown;
  detail: string;
}

export type ErrorList = FieldError[];

const quote = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

export const required = (path: FieldPath, detail = ''): FieldError => ({
  type: 'FieldValueRequired',
  field: path.toString(),
  detail,
});

export const invalid = (path: FieldPath, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field: path.toString(),
  badValue: value,
  detail,
});

export const notSupported = (path: FieldPath, value: unknown, valid: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field: path.toString(),
  badValue: value,
  detail: valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
});

export const forbidden = (path: FieldPath, detail: string): FieldError => ({
  type: 'FieldValueForbidden',
  field: path.toString(),
  detail,
});

export const duplicate = (path: FieldPath, value: unknown): FieldError => ({
  type: 'FieldValueDuplicate',
  field: path.toString(),
  badValue: value,
  detail: '',
});

export const notFound = (path: FieldPath, value: unknown): FieldError => ({
  type: 'FieldValueNotFound',
  field: path.toString(),
  badValue: value,
  detail: '',
});

export const tooLong = (path: FieldPath, value: unknown, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field: path.toString(),
  badValue: value,
  detail: `must have at most ${max} bytes`,
});

export const tooMany = (path: FieldPath, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field: path.toString(),
  badValue: actual,
  detail: `must have at most ${max} items`,
});

export const internalError = (path: FieldPath, err: Error): FieldError => ({
  type: 'InternalError',
  field: path.toString(),
  detail: err.message,
});

const TYPE_TEXT: Record<string, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/**
 * Upstream's message form: `Invalid value: "Bad_Name": a lowercase RFC 1123 …`. As upstream's ErrorBody, Required,
 * Forbidden, TooLong and Internal errors never print the value (`Too long: must have at most 1048576 bytes`).
 */
export function errorMessage(e: FieldError): string {
  const head = TYPE_TEXT[e.type] ?? e.type;
  const withValue =
    e.type === 'FieldValueInvalid' || e.type === 'FieldValueNotSupported' || e.type === 'FieldValueDuplicate' ||
    e.type === 'FieldValueNotFound' || e.type === 'FieldValueTooMany';
  let msg = head;
  if (withValue && 'badValue' in e) msg += `: ${quote(e.badValue)}`;
  if (e.detail) msg += `: ${e.detail}`;
  return msg;
}

export const toCauses = (errs: ErrorList): StatusCause[] =>
  errs.map((e) => ({ reason: e.type, message: errorMessage(e), field: e.field }));
