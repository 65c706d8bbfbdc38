/**
 * Decoding a request object for create/update: body → object, type meta checked against the URL, unknown
 * fields reported per fieldValidation (Strict → 400, Warn (default) → Warning headers, Ignore → nothing).
 */
import { newBadRequest } from '../../machinery/errors/status.js';
import { asObject, decodeBody, mediaType, readBody } from '../request/body.js';
import { decodeProtobufObject } from '../protobuf/index.js';
import { cannotBeHandledMessage, fieldValidationWarnings, findFieldIssues, findTypeMismatch, findUnknownFields, pruneUnknownFields, typeMismatchMessage, strictDecodingError, type FieldIssue } from '../openapi/index.js';
import { addWarnings } from '../response/write.js';
import type { KObject } from '../registry/resource.js';
import type { GroupVersionKind, ResourceRequest } from './types.js';

export function expectedGVK(r: ResourceRequest, subresourceKind?: GroupVersionKind): GroupVersionKind {
  if (subresourceKind) return subresourceKind;
  const i = r.registry.info;
  return { group: i.group, version: i.version, kind: i.kind };
}

const apiVersionOf = (gvk: GroupVersionKind): string => (gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version);

export async function readRequestObject(r: ResourceRequest, gvk = expectedGVK(r)): Promise<KObject> {
  const body = await readBody(r.req);
  const type = r.req.headers['content-type'];
  const obj = asObject(decodeBody(type, body, (b) => decodeProtobufObject(b).object));
  checkTypeMeta(obj, gvk, body);
  const wrong = findTypeMismatch(gvk, obj);
  if (wrong) throw newBadRequest(cannotBeHandledMessage(gvk.kind, gvk.version, typeMismatchMessage(gvk.kind, wrong)));
  const mode = fieldValidationParam(r.query);
  if (mode !== 'Ignore') {
    const json = mediaType(type) === 'application/json' || mediaType(type) === '';
    const issues = findFieldIssues(gvk, obj, json ? body.toString('utf8') : undefined);
    reportFieldIssues(r, mode, issues, (detail) => cannotBeHandledMessage(gvk.kind, gvk.version, detail));
  }
  pruneUnknownFields(gvk, obj);
  return obj;
}

export function checkTypeMeta(obj: KObject, gvk: GroupVersionKind, body: Buffer): void {
  const snippet = () => body.toString('utf8', 0, Math.min(body.length, 200));
  if (!obj.apiVersion) throw newBadRequest(`Object 'apiVersion' is missing in '${snippet()}'`);
  if (!obj.kind) throw newBadRequest(`Object 'Kind' is missing in '${snippet()}'`);
  const want = apiVersionOf(gvk);
  if (obj.apiVersion !== want) {
    throw newBadRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
  }
  if (obj.kind !== gvk.kind) {
    throw newBadRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${gvk.kind}) for this URL`);
  }
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationParam(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation') ?? 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw newBadRequest(`fieldValidation parameter unsupported: ${v}; supported values are "Ignore", "Warn" and "Strict"`);
}

/** Unknown fields of a patched object: reported (sorted, as upstream reports them for patches), then dropped. */
export function validateFields(r: ResourceRequest, gvk: GroupVersionKind, obj: KObject): void {
  const wrong = findTypeMismatch(gvk, obj);
  if (wrong) throw newBadRequest(typeMismatchMessage(gvk.kind, wrong));
  const mode = fieldValidationParam(r.query);
  if (mode !== 'Ignore') reportFieldIssues(r, mode, findUnknownFields(gvk, obj, { sorted: true }), (d) => d);
  pruneUnknownFields(gvk, obj);
}

function reportFieldIssues(r: ResourceRequest, mode: FieldValidation, issues: (FieldIssue | string)[], wrap: (detail: string) => string): void {
  if (!issues.length) return;
  if (mode === 'Strict') throw newBadRequest(wrap(strictDecodingError(issues)));
  addWarnings(r.res, fieldValidationWarnings(issues));
}

export function dryRunParam(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw newBadRequest(`Invalid dryRun value: ${v}; the only supported value is "All"`);
  return values.length > 0;
}
