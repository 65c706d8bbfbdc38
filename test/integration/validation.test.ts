/** 422 Invalid with field causes (strategies' validation), 413 for oversized bodies, immutable fields on update. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, deployment, nsPath, pod } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };

interface Cause {
  field: string;
  reason: string;
  message: string;
}

function findCause(st: any, field: string, reason?: string): Cause {
  const causes: Cause[] = st.details?.causes ?? [];
  const c = causes.find((x) => x.field === field && (!reason || x.reason === reason));
  assert.ok(c, `no cause ${field}${reason ? ` (${reason})` : ''} in ${JSON.stringify(causes)}`);
  return c;
}

describeBackends('validation', (b) => {
  const createCases = [
    {
      name: 'invalid name Bad_Name',
      resource: 'configmaps',
      group: '',
      body: () => configMap('Bad_Name'),
      kind: 'ConfigMap',
      objectName: 'Bad_Name',
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
    },
    {
      name: 'Deployment without a container image',
      resource: 'deployments',
      group: 'apps/v1',
      body: () => deployment('noimage', { image: null }),
      kind: 'Deployment',
      objectName: 'noimage',
      field: 'spec.template.spec.containers[0].image',
      reason: 'FieldValueRequired',
    },
    {
      name: 'Deployment whose selector does not match the template labels',
      resource: 'deployments',
      group: 'apps/v1',
      body: () => deployment('mismatch', { selector: { app: 'a' }, templateLabels: { app: 'b' } }),
      kind: 'Deployment',
      objectName: 'mismatch',
      field: 'spec.template.metadata.labels',
      reason: 'FieldValueInvalid',
    },
    {
      name: 'ConfigMap above 1 MiB of data',
      resource: 'configmaps',
      group: '',
      body: () => configMap('big', { a: 'x'.repeat(600 * 1024), b: 'y'.repeat(600 * 1024) }),
      kind: 'ConfigMap',
      objectName: 'big',
      // Upstream reports the whole object ("[]: Too long: must have at most 1048576 bytes").
      field: '[]',
      reason: 'FieldValueTooLong',
    },
  ];
  for (const c of createCases) {
    test(`create: ${c.name} → 422 Invalid (${c.field})`, async () => {
      const ns = await b.namespace();
      const st = assertStatus(await b.server.request('POST', nsPath(ns, c.resource, undefined, c.group), c.body()), 422, 'Invalid');
      assert.equal(st.details.kind, c.kind);
      assert.equal(st.details.name, c.objectName);
      findCause(st, c.field, c.reason);
      const qualified = c.group ? `${c.kind}.${c.group.split('/')[0]}` : c.kind;
      assert.ok(st.message.startsWith(`${qualified} "${c.objectName}" is invalid: `), st.message);
      assertStatus(await b.server.request('GET', nsPath(ns, c.resource, c.objectName, c.group)), 404, 'NotFound');
    });
  }

  test('a body above 3 MiB → 413 RequestEntityTooLarge, nothing stored', async () => {
    const ns = await b.namespace();
    const res = await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('huge', { a: 'x'.repeat(3 * 1024 * 1024 + 10) }));
    assertStatus(res, 413, 'RequestEntityTooLarge');
    assertStatus(await b.server.request('GET', nsPath(ns, 'configmaps', 'huge')), 404, 'NotFound');
  });

  test('pod update: a spec change other than the image → 422; an image change is accepted', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod('p')), 201);
    const bad = await b.server.request('PATCH', nsPath(ns, 'pods', 'p'), { spec: { restartPolicy: 'Never' } }, MERGE);
    const st = assertStatus(bad, 422, 'Invalid');
    assert.equal(st.details.kind, 'Pod');
    findCause(st, 'spec', 'FieldValueForbidden');
    const img = [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.28' }];
    const ok = assertOk(await b.server.request('PATCH', nsPath(ns, 'pods', 'p'), img, { 'Content-Type': 'application/json-patch+json' }));
    assert.equal(ok.spec.containers[0].image, 'nginx:1.28');
  });

  test('deployment update: a selector change → 422 (field is immutable)', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'deployments', undefined, 'apps/v1'), deployment('d')), 201);
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'deployments', 'd', 'apps/v1')));
    live.spec.selector = { matchLabels: { app: 'd', tier: 'x' } };
    live.spec.template.metadata.labels = { app: 'd', tier: 'x' };
    const st = assertStatus(await b.server.request('PUT', nsPath(ns, 'deployments', 'd', 'apps/v1'), live), 422, 'Invalid');
    findCause(st, 'spec.selector', 'FieldValueInvalid');
    assert.ok(st.details.causes.some((c: Cause) => c.message.includes('field is immutable')), JSON.stringify(st.details.causes));
  });
});
