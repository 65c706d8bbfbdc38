/**
 * OpenAPI v3 path items for one served resource: list/watch (GET with query parameters), create, deletecollection
 * on the collection; read, replace, patch, delete on an item; and the status/scale subresources.
 */
import type { GroupVersionKind, Schema } from './schemas.js';
import { META, REF_PREFIX } from './schemas.js';

/** What the OpenAPI service needs of a served resource (a catalog entry or a ResourceInfo fits). */
export interface OpenApiResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  status?: boolean;
  scale?: boolean;
}

export const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const SCALE_GVK: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
export const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

const ref = (name: string): Schema => ({ $ref: REF_PREFIX + name });
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };

const q = (name: string, schema: Schema, description: string): Schema => ({ name, in: 'query', description, schema });

const PRETTY = q('pretty', str, "If 'true', the output is pretty printed.");
const DRY_RUN = q('dryRun', str, "When present, modifications are not persisted. The only valid value is 'All'.");
const FIELD_MANAGER = q('fieldManager', str, 'A name for the actor making these changes, for field ownership.');
const FIELD_VALIDATION = q(
  'fieldValidation',
  str,
  'How the server treats unknown or duplicate fields in the request body: Ignore, Warn (the default) or Strict.',
);
const FORCE = q('force', bool, 'Force an apply request, taking over fields owned by other managers.');

const LIST_PARAMS: Schema[] = [
  q('allowWatchBookmarks', bool, 'Ask for BOOKMARK watch events.'),
  q('continue', str, 'The continue token of a previous paginated list call.'),
  q('fieldSelector', str, 'Restrict the returned objects by their fields.'),
  q('labelSelector', str, 'Restrict the returned objects by their labels.'),
  q('limit', int, 'The maximum number of objects to return in one page.'),
  q('resourceVersion', str, 'The resource version the list or watch starts from.'),
  q('resourceVersionMatch', str, 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  q('sendInitialEvents', bool, 'Begin a watch with synthetic ADDED events for the current state.'),
  q('timeoutSeconds', int, 'Timeout of the list or watch call.'),
  q('watch', bool, 'Watch for changes to the described objects instead of listing them.'),
];

const DELETE_PARAMS: Schema[] = [
  DRY_RUN,
  q('gracePeriodSeconds', int, 'The duration in seconds before the object should be deleted.'),
  q('orphanDependents', bool, 'Deprecated: use propagationPolicy.'),
  q('propagationPolicy', str, 'Whether and how garbage collection is performed: Orphan, Background or Foreground.'),
];

const pathParam = (name: string, description: string): Schema => ({
  name,
  in: 'path',
  description,
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

const json = (schemaName: string): Schema => ({ 'application/json': { schema: ref(schemaName) } });
const ok = (schemaName: string, codes: string[]): Schema => {
  const out: Schema = {};
  for (const c of codes) out[c] = { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content: json(schemaName) };
  out['401'] = { description: 'Unauthorized' };
  return out;
};

/** Names the operations as upstream does: listAppsV1NamespacedDeployment, readCoreV1NamespacedPodStatus, … */
export function groupWord(group: string): string {
  if (group === '') return 'core';
  const parts = group.replace(/\.k8s\.io$/, '').split('.');
  return parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('');
}
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

interface OpCtx {
  r: OpenApiResource;
  /** Schema name of the kind, e.g. io.k8s.api.apps.v1.Deployment. */
  schema: string;
  gvk: GroupVersionKind;
  patchTypes: string[];
}

function op(c: OpCtx, verb: string, action: string, extra: Schema, scope = ''): Schema {
  const ns = c.r.namespaced && scope !== 'ForAllNamespaces' ? 'Namespaced' : '';
  const [head, tail] = verb === 'deletecollection' ? ['delete', 'Collection'] : [verb, ''];
  const kindWord = `${c.r.kind}${scope}`;
  return {
    tags: [`${groupWord(c.r.group)}_${c.r.version}`],
    operationId: `${head}${cap(groupWord(c.r.group))}${cap(c.r.version)}${tail}${ns}${kindWord}`,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': c.gvk,
  };
}

const writeParams = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
const body = (schemaName: string): Schema => ({ required: true, content: json(schemaName) });

function patchOp(c: OpCtx, scope: string, responseSchema: string): Schema {
  const content: Schema = {};
  for (const t of c.patchTypes) content[t] = { schema: ref(`${META}.Patch`) };
  return op(c, 'patch', 'patch', {
    description: `partially update the specified ${c.r.kind}`,
    parameters: [...writeParams, FORCE],
    requestBody: { required: true, content },
    responses: ok(responseSchema, ['200', '201']),
  }, scope);
}

function itemOps(c: OpCtx, scope: string, schemaName: string, verbs: Set<string>): Schema {
  const item: Schema = {};
  const what = scope ? `${scope.toLowerCase()} of the specified ${c.r.kind}` : `the specified ${c.gvk.kind}`;
  if (verbs.has('get')) item.get = op(c, 'read', 'get', { description: `read ${what}`, responses: ok(schemaName, ['200']) }, scope);
  if (verbs.has('update')) {
    item.put = op(c, 'replace', 'put', {
      description: `replace ${what}`,
      parameters: writeParams,
      requestBody: body(schemaName),
      responses: ok(schemaName, ['200', '201']),
    }, scope);
  }
  if (verbs.has('patch')) item.patch = patchOp(c, scope, schemaName);
  return item;
}

function collectionOps(c: OpCtx, verbs: Set<string>, listSchema: string): Schema {
  const coll: Schema = {};
  if (verbs.has('list')) {
    const listOp = { description: `list or watch objects of kind ${c.gvk.kind}`, parameters: LIST_PARAMS, responses: ok(listSchema, ['200']) };
    coll.get = op(c, 'list', 'list', listOp);
  }
  if (verbs.has('create')) {
    const create = { description: `create a ${c.gvk.kind}`, parameters: writeParams, requestBody: body(c.schema), responses: ok(c.schema, ['200', '201', '202']) };
    coll.post = op(c, 'create', 'post', create);
  }
  if (verbs.has('deletecollection')) {
    coll.delete = op(c, 'deletecollection', 'deletecollection', {
      description: `delete collection of ${c.gvk.kind}`,
      parameters: [...DELETE_PARAMS, ...LIST_PARAMS.filter((p) => p.name !== 'watch' && p.name !== 'allowWatchBookmarks')],
      requestBody: { content: json(`${META}.DeleteOptions`) },
      responses: ok(`${META}.Status`, ['200']),
    });
  }
  return coll;
}

const withParams = (item: Schema, params: Schema[]): Schema => ({ ...item, parameters: [...params, PRETTY] });

/** The path items of one resource, keyed by URL template. */
export function resourcePaths(r: OpenApiResource, schema: string, patchTypes: string[]): Record<string, Schema> {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const c: OpCtx = { r, schema, gvk, patchTypes };
  const verbs = new Set(r.verbs ?? DEFAULT_VERBS);
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const nsParam = pathParam('namespace', 'object name and auth scope, such as for teams and projects');
  const nameParam = pathParam('name', `name of the ${r.kind}`);
  const scopeParams = r.namespaced ? [nsParam] : [];
  const collPath = `${root}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}`;
  const out: Record<string, Schema> = {};
  out[collPath] = withParams(collectionOps(c, verbs, `${schema}List`), scopeParams);
  const item = itemOps(c, '', schema, verbs);
  if (verbs.has('delete')) {
    item.delete = op(c, 'delete', 'delete', {
      description: `delete ${r.kind}`,
      parameters: DELETE_PARAMS,
      requestBody: { content: json(`${META}.DeleteOptions`) },
      responses: ok(`${META}.Status`, ['200', '202']),
    });
  }
  out[`${collPath}/{name}`] = withParams(item, [nameParam, ...scopeParams]);
  if (r.status) out[`${collPath}/{name}/status`] = withParams(itemOps(c, 'Status', schema, new Set(['get', 'update', 'patch'])), [nameParam, ...scopeParams]);
  if (r.scale) {
    const sc: OpCtx = { ...c, gvk: SCALE_GVK };
    const ops = itemOps(sc, 'Scale', SCALE_SCHEMA, new Set(['get', 'update', 'patch']));
    out[`${collPath}/{name}/scale`] = withParams(ops, [nameParam, ...scopeParams]);
  }
  if (r.namespaced && verbs.has('list')) {
    out[`${root}/${r.resource}`] = withParams({ get: op(c, 'list', 'list', { description: `list or watch objects of kind ${r.kind}`, parameters: LIST_PARAMS, responses: ok(`${schema}List`, ['200']) }, 'ForAllNamespaces') }, []);
  }
  return out;
}
