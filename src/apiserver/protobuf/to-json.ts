import protobuf from 'protobufjs';
import { INLINE, INT_OR_STRING_TYPE, KEEP_ZERO, QUANTITY_TYPE, TIME_TYPE } from './schema/options.js';

/**
 * Converts a decoded protobufjs message into the JSON object a JSON client would have sent (upstream's JSON form):
 *
 * - only fields present on the wire appear (proto2 presence); unknown field numbers were skipped by the decoder;
 * - a present zero scalar ("" / 0 / false) is dropped like `omitempty`, except numbers and booleans marked
 *   `keep_zero` (Go pointers such as `replicas`, `gracePeriodSeconds`; non-omitempty fields such as `containerPort`);
 *   a present empty string is always dropped (see schema/options.ts);
 * - a present nested message is kept even when empty (`emptyDir: {}`, `resources: {}` — as Go's JSON does);
 * - `inline` fields (Go embedded structs) are merged into the parent;
 * - meta/v1 Time → RFC 3339 string (dropped when zero, i.e. the empty message kubectl sends), Quantity → its
 *   string, IntOrString → number or string, int64 → number, bytes → base64;
 * - maps become objects (values kept even when empty), repeated fields arrays (elements kept even when empty, so
 *   `apiGroups: [""]` survives); empty maps and lists are dropped.
 */
export function messageToJson(type: protobuf.Type, message: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(message, field.name)) continue;
    const value: unknown = (message as Record<string, unknown>)[field.name];
    if (value === null || value === undefined) continue;
    if (field.options?.[INLINE] && field.resolvedType instanceof protobuf.Type) {
      Object.assign(out, messageToJson(field.resolvedType, value as object));
      continue;
    }
    const json = fieldToJson(field, value);
    if (json !== undefined) out[field.name] = json;
  }
  return out;
}

function fieldToJson(field: protobuf.Field, value: unknown): unknown {
  if (field instanceof protobuf.MapField) return mapToJson(field, value as Record<string, unknown>);
  if (field.repeated) {
    const items = (value as unknown[]).map((v) => elementToJson(field, v)).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  const json = elementToJson(field, value);
  return isDroppedZero(field, json) ? undefined : json;
}

function isDroppedZero(field: protobuf.FieldBase, json: unknown): boolean {
  if (json === undefined) return true;
  // A present message is a non-nil Go value: IntOrString 0 (`maxUnavailable: 0`) stays. Only a Quantity can be "".
  if (field.resolvedType instanceof protobuf.Type) return json === '';
  if (json === '') return true;
  if (json === 0 || json === false) return field.options?.[KEEP_ZERO] !== true;
  return false;
}

function mapToJson(field: protobuf.MapField, value: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const json = elementToJson(field, v);
    if (json !== undefined) out[key] = json;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** One value of a field (a scalar, a message, a map value or a list element). */
function elementToJson(field: protobuf.FieldBase, value: unknown): unknown {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return messageValueToJson(rt, value as Record<string, unknown>);
  if (rt instanceof protobuf.Enum) return rt.valuesById[value as number] ?? value;
  return scalarToJson(field.type, value);
}

function messageValueToJson(type: protobuf.Type, value: Record<string, unknown>): unknown {
  switch (type.fullName.slice(1)) {
    case TIME_TYPE:
      return timeToJson(value);
    case QUANTITY_TYPE:
      return typeof value.string === 'string' ? value.string : '';
    case INT_OR_STRING_TYPE:
      return toNumber(value.type) === 1 ? String(value.strVal ?? '') : toNumber(value.intVal ?? 0);
    default:
      return messageToJson(type, value);
  }
}

/** Go's zero time (0001-01-01) is marshalled as an empty message; upstream's JSON for it is null. */
const GO_ZERO_TIME_SECONDS = -62135596800;

function timeToJson(value: Record<string, unknown>): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(value, 'seconds') && !Object.prototype.hasOwnProperty.call(value, 'nanos')) {
    return undefined;
  }
  const seconds = toNumber(value.seconds ?? 0);
  if (seconds === GO_ZERO_TIME_SECONDS) return undefined;
  // metav1.Time marshals to JSON at second precision (RFC 3339, UTC).
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function scalarToJson(type: string, value: unknown): unknown {
  if (type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  if (type === 'int64' || type === 'uint64' || type === 'sint64' || type === 'fixed64' || type === 'sfixed64') {
    return toNumber(value);
  }
  return value;
}

/** int64 values arrive as Long objects (protobufjs uses the `long` package when it is installed). */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value);
}
