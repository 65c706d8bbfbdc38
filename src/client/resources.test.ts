import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../api/catalog.js';
import * as resources from './resources.js';
import { resourceRef } from './resources.js';

test('resourceRef takes the identity from the catalog', () => {
  assert.deepEqual(resourceRef('apps', 'deployments'), { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true });
  assert.deepEqual(resourceRef('', 'nodes'), { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false });
});

test('an unknown resource throws a clear error', () => {
  assert.throws(() => resourceRef('apps', 'pods'), /unknown resource "pods.apps"/);
  assert.throws(() => resourceRef('', 'deployment'), /unknown resource "deployment"/);
});

test('every named constant is a catalog resource', () => {
  const refs = Object.entries(resources).filter(([k]) => /^[A-Z_]+$/.test(k));
  assert.equal(refs.length, 22);
  for (const [name, ref] of refs) {
    const r = ref as { group: string; resource: string; kind: string };
    assert.ok(CATALOG.some((c) => c.group === r.group && c.resource === r.resource && c.kind === r.kind), name);
  }
});
