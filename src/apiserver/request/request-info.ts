/**
 * Parses a request path into the upstream RequestInfo: which resource, name, subresource and verb it addresses.
 *   /api/v1/namespaces/{ns}/{resource}[/{name}[/{subresource}]]
 *   /api/v1/{resource}[/{name}[/{subresource}]]          (cluster-scoped, or all-namespaces lists)
 *   /apis/{group}/{version}/…                             (the same below)
 * `namespaces/{name}` itself addresses the namespace object, and `namespaces/{name}/status|finalize` its subresources.
 */
export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'connect';

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: Verb | string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const truthy = (v: string | null): boolean => v === 'true' || v === '1' || v === 'True';

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  if (parts.length < 1 || (parts[0] !== 'api' && parts[0] !== 'apis')) return info;
  info.apiPrefix = parts[0]!;
  let rest = parts.slice(1);
  if (info.apiPrefix === 'apis') {
    if (rest.length < 1) return info;
    info.apiGroup = rest[0]!;
    rest = rest.slice(1);
  }
  if (rest.length < 1) return info;
  info.apiVersion = rest[0]!;
  rest = rest.slice(1);
  if (rest.length < 1) return info;
  info.isResourceRequest = true;
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    info.namespace = rest[1]!;
    // namespaces/{name} and namespaces/{name}/{status|finalize} address the namespace itself.
    if (rest.length === 2 || (rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
      info.namespace = '';
    } else {
      rest = rest.slice(2);
    }
  }
  info.parts = rest;
  info.resource = rest[0] ?? '';
  info.name = rest[1] ?? '';
  info.subresource = rest[2] ?? '';
  info.verb = verbFor(method, info, query);
  return info;
}

function verbFor(method: string, info: RequestInfo, query: URLSearchParams): string {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      if (info.subresource && ['log', 'exec', 'attach', 'portforward', 'proxy'].includes(info.subresource)) return 'connect';
      if (truthy(query.get('watch'))) return 'watch';
      return info.name ? 'get' : 'list';
    case 'POST':
      if (info.subresource && ['exec', 'attach', 'portforward', 'proxy'].includes(info.subresource)) return 'connect';
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return info.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export const isTruthyParam = truthy;
