/**
 * JSON Patch (RFC 6902, `application/json-patch+json`) through fast-json-patch: the operations are checked for
 * shape first (400 when malformed), then applied in order to a deep copy of the live object; an operation that
 * does not apply (missing path, failed `test`, bad array index) fails the whole patch with 422 and the reason.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { badPatch, patchDoesNotApply, PatchError } from './errors.js';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Checks that `ops` is an array of well-formed RFC 6902 operations; throws 400 otherwise. */
export function validateJsonPatch(ops: unknown): Operation[] {
  if (!Array.isArray(ops)) throw badPatch('json patch must be a JSON array of operations');
  ops.forEach((op, i) => validateOperation(op, i));
  return ops as Operation[];
}

function validateOperation(op: unknown, i: number): void {
  if (op === null || typeof op !== 'object' || Array.isArray(op)) {
    throw badPatch(`json patch operation ${i} must be a JSON object`);
  }
  const o = op as Record<string, unknown>;
  if (typeof o.op !== 'string') throw badPatch(`json patch operation ${i}: missing "op"`);
  if (!OPS.has(o.op)) throw badPatch(`json patch operation ${i}: unexpected kind of operation "${o.op}"`);
  if (typeof o.path !== 'string') throw badPatch(`json patch ${o.op} operation ${i}: missing "path"`);
  if (o.path !== '' && !o.path.startsWith('/')) {
    throw badPatch(`json patch ${o.op} operation ${i}: path ${JSON.stringify(o.path)} must start with "/"`);
  }
  if ((o.op === 'move' || o.op === 'copy') && typeof o.from !== 'string') {
    throw badPatch(`json patch ${o.op} operation ${i}: missing "from"`);
  }
  if ((o.op === 'add' || o.op === 'replace' || o.op === 'test') && !('value' in o)) {
    throw badPatch(`json patch ${o.op} operation ${i}: missing "value"`);
  }
}

/** Applies the operations to a deep copy of `live` and returns the result. */
export function applyJsonPatch(live: unknown, ops: unknown): unknown {
  const operations = validateJsonPatch(ops);
  const doc = structuredClone(live);
  try {
    return jsonpatch.applyPatch(doc, operations, true, true, true).newDocument;
  } catch (err) {
    throw toPatchError(err, doc);
  }
}

interface LibError {
  name?: string;
  index?: number;
  operation?: Partial<Operation> & { from?: string; value?: unknown };
  message?: string;
}

/** Maps fast-json-patch's error names to upstream-style reasons. */
function toPatchError(err: unknown, doc: unknown): PatchError {
  if (err instanceof PatchError) return err;
  const e = (err ?? {}) as LibError;
  const op = e.operation?.op ?? 'unknown';
  const path = JSON.stringify(e.operation?.path ?? '');
  const prefix = `jsonpatch ${op} operation does not apply`;
  switch (e.name) {
    case 'OPERATION_PATH_UNRESOLVABLE':
    case 'OPERATION_PATH_CANNOT_ADD':
      return patchDoesNotApply(`${prefix}: doc is missing path: ${path}`);
    case 'OPERATION_FROM_UNRESOLVABLE':
      return patchDoesNotApply(`${prefix}: doc is missing from path: ${JSON.stringify(e.operation?.from ?? '')}`);
    case 'TEST_OPERATION_FAILED':
      return patchDoesNotApply(`${prefix}: testing value ${path} failed: ${describeTest(e, doc)}`);
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      return patchDoesNotApply(`${prefix}: invalid array index in path: ${path}`);
    case 'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED':
    case 'OPERATION_VALUE_REQUIRED':
    case 'OPERATION_OP_INVALID':
    case 'OPERATION_PATH_INVALID':
    case 'OPERATION_FROM_REQUIRED':
    case 'OPERATION_NOT_AN_OBJECT':
    case 'SEQUENCE_NOT_AN_ARRAY':
      return badPatch(`invalid json patch: ${firstLine(e.message)}`);
    default:
      return patchDoesNotApply(`${prefix}: ${firstLine(e.message ?? String(err))}`);
  }
}

function describeTest(e: LibError, doc: unknown): string {
  const want = JSON.stringify(e.operation?.value);
  let got: string;
  try {
    got = JSON.stringify(jsonpatch.getValueByPointer(doc, e.operation?.path ?? '')) ?? 'nothing';
  } catch {
    got = 'nothing';
  }
  return `value is ${got}, want ${want}`;
}

const firstLine = (s: string | undefined): string => (s ?? '').split('\n')[0];
