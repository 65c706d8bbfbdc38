import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEPLOYMENTS, NODES, PODS } from '../resources.js';
import { listQuery, resourcePath, watchQuery, withQuery, writeQuery } from './paths.js';

const cases = [
  { name: 'core namespaced collection', got: () => resourcePath(PODS, { namespace: 'ns' }), want: '/api/v1/namespaces/ns/pods' },
  { name: 'core object', got: () => resourcePath(PODS, { namespace: 'ns', name: 'p' }), want: '/api/v1/namespaces/ns/pods/p' },
  { name: 'subresource', got: () => resourcePath(PODS, { namespace: 'ns', name: 'p', subresource: 'binding' }), want: '/api/v1/namespaces/ns/pods/p/binding' },
  { name: 'all namespaces', got: () => resourcePath(PODS, { namespace: '' }), want: '/api/v1/pods' },
  { name: 'group resource', got: () => resourcePath(DEPLOYMENTS, { namespace: 'ns', name: 'd', subresource: 'scale' }), want: '/apis/apps/v1/namespaces/ns/deployments/d/scale' },
  { name: 'cluster-scoped ignores the namespace', got: () => resourcePath(NODES, { namespace: 'ns', name: 'n1' }), want: '/api/v1/nodes/n1' },
  { name: 'names are escaped', got: () => resourcePath(NODES, { name: 'a/b' }), want: '/api/v1/nodes/a%2Fb' },
  { name: 'list query', got: () => withQuery('/x', listQuery({ labelSelector: 'a=b,c in (d)', limit: 5, continue: 'tok' })), want: '/x?labelSelector=a%3Db%2Cc+in+%28d%29&limit=5&continue=tok' },
  { name: 'watch query', got: () => withQuery('/x', watchQuery({ resourceVersion: '12', allowWatchBookmarks: true, timeoutSeconds: 30 })), want: '/x?watch=true&resourceVersion=12&timeoutSeconds=30&allowWatchBookmarks=true' },
  { name: 'write query', got: () => withQuery('/x', writeQuery({ dryRun: true, fieldManager: 'kube-controller-manager' })), want: '/x?dryRun=All&fieldManager=kube-controller-manager' },
  { name: 'empty query adds nothing', got: () => withQuery('/x', listQuery({})), want: '/x' },
];
for (const c of cases) test(c.name, () => assert.equal(c.got(), c.want));

test('an empty name is refused', () => {
  assert.throws(() => resourcePath(PODS, { namespace: 'ns', name: '' }), /a name is required/);
});
