import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestInfo } from './request-info.js';

const cases: { method: string; path: string; query?: string; want: Partial<ReturnType<typeof parseRequestInfo>> }[] = [
  { method: 'GET', path: '/api/v1/namespaces/default/pods', want: { verb: 'list', apiGroup: '', apiVersion: 'v1', namespace: 'default', resource: 'pods', name: '' } },
  { method: 'GET', path: '/api/v1/namespaces/default/pods/web', want: { verb: 'get', namespace: 'default', resource: 'pods', name: 'web' } },
  { method: 'GET', path: '/api/v1/pods', query: 'watch=true', want: { verb: 'watch', namespace: '', resource: 'pods' } },
  { method: 'GET', path: '/api/v1/pods', query: 'watch=1', want: { verb: 'watch' } },
  { method: 'GET', path: '/api/v1/pods', query: 'watch=True', want: { verb: 'watch' } },
  { method: 'GET', path: '/api/v1/namespaces', want: { verb: 'list', resource: 'namespaces', namespace: '' } },
  { method: 'GET', path: '/api/v1/namespaces/kube-system', want: { verb: 'get', resource: 'namespaces', name: 'kube-system', namespace: '' } },
  { method: 'PUT', path: '/api/v1/namespaces/x/finalize', want: { verb: 'update', resource: 'namespaces', name: 'x', subresource: 'finalize' } },
  { method: 'PATCH', path: '/apis/apps/v1/namespaces/a/deployments/d/scale', want: { verb: 'patch', apiGroup: 'apps', resource: 'deployments', name: 'd', subresource: 'scale' } },
  { method: 'POST', path: '/api/v1/namespaces/a/pods/p/binding', want: { verb: 'create', subresource: 'binding' } },
  { method: 'GET', path: '/api/v1/namespaces/a/pods/p/log', want: { verb: 'connect', subresource: 'log' } },
  { method: 'DELETE', path: '/api/v1/namespaces/a/configmaps', want: { verb: 'deletecollection' } },
  { method: 'DELETE', path: '/api/v1/namespaces/a/configmaps/c', want: { verb: 'delete', name: 'c' } },
  { method: 'GET', path: '/apis/apps/v1', want: { isResourceRequest: false, apiGroup: 'apps', apiVersion: 'v1' } },
  { method: 'GET', path: '/version', want: { isResourceRequest: false } },
];

for (const c of cases) {
  test(`${c.method} ${c.path}${c.query ? `?${c.query}` : ''}`, () => {
    const info = parseRequestInfo(c.method, c.path, new URLSearchParams(c.query ?? ''));
    for (const [k, v] of Object.entries(c.want)) assert.equal((info as any)[k], v, k);
  });
}
