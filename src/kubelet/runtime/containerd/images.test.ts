import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArgs, parseImportedNames, repositoryOf } from './images.js';

const cases: Array<[string, string]> = [
  ['docker.io/local/busybox:latest', 'docker.io/local/busybox'],
  ['127.0.0.1:5000/app:v1', '127.0.0.1:5000/app'],
  ['127.0.0.1:5000/app', '127.0.0.1:5000/app'],
  ['docker.io/local/app@sha256:abc', 'docker.io/local/app'],
];
for (const [ref, repo] of cases) test(`repositoryOf ${ref}`, () => assert.equal(repositoryOf(ref), repo));

test('import arguments: k8s.io namespace, socket path without unix://, name as base and index name', () => {
  assert.deepEqual(importArgs('/a.tar', 'unix:///d/containerd.sock'), ['-n', 'k8s.io', '-a', '/d/containerd.sock', 'images', 'import', '/a.tar']);
  assert.deepEqual(importArgs('/a.tar', '/s.sock', 'docker.io/local/x:v2'), [
    '-n', 'k8s.io', '-a', '/s.sock', 'images', 'import', '--base-name', 'docker.io/local/x', '--index-name', 'docker.io/local/x:v2', '/a.tar',
  ]);
});

test('the names ctr printed', () => {
  const out = 'unpacking docker.io/local/x:v2 (sha256:e61f)...done\nunpacking docker.io/local/x:v1 (sha256:5383)...done\n';
  assert.deepEqual(parseImportedNames(out), ['docker.io/local/x:v2', 'docker.io/local/x:v1']);
  assert.deepEqual(parseImportedNames(''), []);
});
