import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessage, type ErrorList } from './field.js';
import { nameIsDNSLabel, validateObjectMeta, validateObjectMetaUpdate, type ObjectMetaLike } from './objectmeta.js';

const summary = (errs: ErrorList): string[] => errs.map((e) => `${e.field}: ${errorMessage(e)}`);

const createCases: { name: string; meta: ObjectMetaLike; namespaced: boolean; label?: boolean; want: string[] }[] = [
  { name: 'valid namespaced', meta: { name: 'a', namespace: 'default' }, namespaced: true, want: [] },
  { name: 'missing name', meta: { namespace: 'default' }, namespaced: true, want: ['metadata.name: Required value: name or generateName is required'] },
  { name: 'missing namespace', meta: { name: 'a' }, namespaced: true, want: ['metadata.namespace: Required value'] },
  { name: 'namespace on cluster kind', meta: { name: 'a', namespace: 'x' }, namespaced: false, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'generateName with dash', meta: { name: 'web-abcde', generateName: 'web-' }, namespaced: false, want: [] },
  { name: 'label rule', meta: { name: 'a.b' }, namespaced: false, label: true, want: [
    `metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  ] },
  { name: 'bad label value', meta: { name: 'a', labels: { app: 'a b' } }, namespaced: false, want: [
    `metadata.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ] },
  { name: 'annotations too large', meta: { name: 'a', annotations: { k: 'x'.repeat(262144) } }, namespaced: false, want: [
    'metadata.annotations: Too long: must have at most 262144 bytes',
  ] },
  { name: 'two controllers', meta: { name: 'a', ownerReferences: [
    { apiVersion: 'v1', kind: 'A', name: 'x', uid: '1', controller: true },
    { apiVersion: 'v1', kind: 'B', name: 'y', uid: '2', controller: true },
  ] }, namespaced: false, want: [
    'metadata.ownerReferences: Invalid value: [{"apiVersion":"v1","kind":"A","name":"x","uid":"1","controller":true},{"apiVersion":"v1","kind":"B","name":"y","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for A/x and B/y',
  ] },
  { name: 'owner without uid', meta: { name: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'A', name: 'x' }] }, namespaced: false, want: [
    'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
  ] },
];

for (const c of createCases) {
  test(`validateObjectMeta: ${c.name}`, () => {
    const rules = { namespaced: c.namespaced, ...(c.label ? { nameFn: nameIsDNSLabel } : {}) };
    assert.deepEqual(summary(validateObjectMeta(c.meta, rules)), c.want);
  });
}

const base: ObjectMetaLike = { name: 'a', namespace: 'ns', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z', generation: 2 };
const updateCases: { name: string; next: ObjectMetaLike; want: string[] }[] = [
  { name: 'unchanged', next: { ...base }, want: [] },
  { name: 'omitted uid keeps the old one', next: { name: 'a', namespace: 'ns', generation: 2 }, want: [] },
  { name: 'renamed', next: { ...base, name: 'b' }, want: ['metadata.name: Invalid value: "b": field is immutable'] },
  { name: 'new uid', next: { ...base, uid: 'u2' }, want: ['metadata.uid: Invalid value: "u2": field is immutable'] },
  { name: 'generation decremented', next: { ...base, generation: 1 }, want: ['metadata.generation: Invalid value: 1: must not be decremented'] },
];
for (const c of updateCases) {
  test(`validateObjectMetaUpdate: ${c.name}`, () => {
    assert.deepEqual(summary(validateObjectMetaUpdate(c.next, base, { namespaced: true })), c.want);
  });
}
