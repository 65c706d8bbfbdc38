import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './index.js';
import { mergePatch } from './merge-patch.js';

const CM = { group: '', version: 'v1', kind: 'ConfigMap' };
const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };
const WIDGET = { group: 'example.com', version: 'v1', kind: 'Widget' };

const cm = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { a: '1' } }, data: { x: '1', y: '2' }, list: [1, 2] });

interface Ok {
  name: string;
  gvk?: typeof CM;
  type: string;
  body: unknown;
  want: (out: any) => void;
}

const ok: Ok[] = [
  { name: 'json patch add', type: JSON_PATCH, body: [{ op: 'add', path: '/data/z', value: '3' }], want: (o) => assert.equal(o.data.z, '3') },
  { name: 'json patch remove', type: JSON_PATCH, body: [{ op: 'remove', path: '/data/x' }], want: (o) => assert.deepEqual(o.data, { y: '2' }) },
  { name: 'json patch replace', type: JSON_PATCH, body: [{ op: 'replace', path: '/data/x', value: 'new' }], want: (o) => assert.equal(o.data.x, 'new') },
  {
    name: 'json patch test then replace (passing test)',
    type: JSON_PATCH,
    body: [{ op: 'test', path: '/data/x', value: '1' }, { op: 'replace', path: '/data/x', value: '9' }],
    want: (o) => assert.equal(o.data.x, '9'),
  },
  { name: 'json patch append to list with -', type: JSON_PATCH, body: [{ op: 'add', path: '/list/-', value: 3 }], want: (o) => assert.deepEqual(o.list, [1, 2, 3]) },
  {
    name: 'json patch move and copy',
    type: JSON_PATCH,
    body: [{ op: 'move', from: '/data/x', path: '/data/moved' }, { op: 'copy', from: '/data/y', path: '/data/copied' }],
    want: (o) => assert.deepEqual(o.data, { y: '2', moved: '1', copied: '2' }),
  },
  {
    name: 'json patch escaped label key (rollout undo style)',
    type: JSON_PATCH,
    body: [{ op: 'replace', path: '/metadata/labels', value: { 'app.kubernetes.io~1name': 'w' } }, { op: 'add', path: '/metadata/labels/a~1b', value: 'c' }],
    want: (o) => assert.equal(o.metadata.labels['a/b'], 'c'),
  },
  {
    name: 'merge patch: null deletes, maps merge, lists replace',
    type: MERGE_PATCH,
    body: { metadata: { labels: { a: null, tier: 'frontend' } }, data: { y: null }, list: [9] },
    want: (o) => {
      assert.deepEqual(o.metadata.labels, { tier: 'frontend' });
      assert.deepEqual(o.data, { x: '1' });
      assert.deepEqual(o.list, [9]);
    },
  },
  {
    name: 'merge patch on a custom resource (kubectl scale / label)',
    gvk: WIDGET,
    type: MERGE_PATCH,
    body: { spec: { replicas: 1 } },
    want: (o) => assert.deepEqual(o.spec, { replicas: 1 }),
  },
  {
    name: 'strategic merge patch on a kind without special fields (kubectl edit configmap)',
    type: STRATEGIC_MERGE_PATCH,
    body: { data: { x: 'edited' } },
    want: (o) => assert.deepEqual(o.data, { x: 'edited', y: '2' }),
  },
  {
    name: 'content type parameters are ignored',
    type: `${MERGE_PATCH}; charset=utf-8`,
    body: { data: { x: 'p' } },
    want: (o) => assert.equal(o.data.x, 'p'),
  },
];

describe('applyPatch', () => {
  for (const c of ok) {
    it(c.name, () => {
      const live = cm();
      const out = applyPatch(c.gvk ?? CM, live, Buffer.from(JSON.stringify(c.body)), c.type);
      c.want(out);
      assert.deepEqual(live, cm(), 'live object untouched');
    });
  }

  it('rollout restart SMP on a Deployment', () => {
    const live = { spec: { template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'm' }] } } } };
    const body = '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-01-01T00:00:00Z"}}}}}';
    const out: any = applyPatch(DEPLOY, live, body, STRATEGIC_MERGE_PATCH);
    assert.equal(out.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], '2024-01-01T00:00:00Z');
    assert.deepEqual(out.spec.template.spec.containers, [{ name: 'm' }]);
  });
});

interface Bad {
  name: string;
  gvk?: typeof CM;
  type: string;
  body: string;
  code: number;
  message: RegExp;
}

const bad: Bad[] = [
  {
    name: 'json patch replace of a missing path',
    type: JSON_PATCH,
    body: '[{"op":"replace","path":"/data/nope","value":"x"}]',
    code: 422,
    message: /^jsonpatch replace operation does not apply: doc is missing path: "\/data\/nope"$/,
  },
  {
    name: 'json patch remove of a missing path',
    type: JSON_PATCH,
    body: '[{"op":"remove","path":"/spec/x"}]',
    code: 422,
    message: /^jsonpatch remove operation does not apply: doc is missing path: "\/spec\/x"$/,
  },
  {
    name: 'json patch add under a missing parent',
    type: JSON_PATCH,
    body: '[{"op":"add","path":"/spec/a/b","value":1}]',
    code: 422,
    message: /^jsonpatch add operation does not apply: doc is missing path: "\/spec\/a\/b"$/,
  },
  {
    name: 'json patch failed test',
    type: JSON_PATCH,
    body: '[{"op":"test","path":"/data/x","value":"2"}]',
    code: 422,
    message: /^jsonpatch test operation does not apply: testing value "\/data\/x" failed: value is "1", want "2"$/,
  },
  {
    name: 'json patch move from a missing path',
    type: JSON_PATCH,
    body: '[{"op":"move","from":"/data/q","path":"/data/r"}]',
    code: 422,
    message: /doc is missing from path: "\/data\/q"/,
  },
  { name: 'json patch not an array', type: JSON_PATCH, body: '{"op":"add"}', code: 400, message: /must be a JSON array/ },
  { name: 'json patch unknown op', type: JSON_PATCH, body: '[{"op":"frob","path":"/a"}]', code: 400, message: /unexpected kind of operation "frob"/ },
  { name: 'json patch missing value', type: JSON_PATCH, body: '[{"op":"add","path":"/a"}]', code: 400, message: /missing "value"/ },
  { name: 'invalid JSON', type: MERGE_PATCH, body: '{nope', code: 400, message: /^error decoding merge patch/ },
  { name: 'merge patch not an object', type: MERGE_PATCH, body: '[1]', code: 400, message: /must be a JSON object/ },
  {
    name: 'strategic merge patch on a custom resource',
    gvk: WIDGET,
    type: STRATEGIC_MERGE_PATCH,
    body: '{}',
    code: 415,
    message: /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json/,
  },
  { name: 'unknown patch type', type: 'application/json', body: '{}', code: 415, message: /unknown format/ },
];

describe('applyPatch errors', () => {
  for (const c of bad) {
    it(c.name, () => {
      assert.throws(
        () => applyPatch(c.gvk ?? CM, cm(), c.body, c.type),
        (err: any) => {
          assert.equal(err.name, 'PatchError');
          assert.equal(err.code, c.code);
          assert.equal(err.status.code, c.code);
          assert.match(err.message, c.message);
          return true;
        },
      );
    });
  }
});

describe('mergePatch (RFC 7386 appendix A)', () => {
  const rfc: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  rfc.forEach(([target, patch, want], i) => {
    it(`example ${i + 1}`, () => assert.deepEqual(mergePatch(target, patch), want));
  });

  it('treats __proto__ as an ordinary key', () => {
    const out = mergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    assert.equal(({} as any).polluted, undefined);
    assert.deepEqual(Object.keys(out), ['__proto__']);
  });
});
