import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { Counter, Registry } from 'prom-client';
import { selectControllers } from './controller-manager.js';
import { startComponentServer } from './component-server.js';

const KNOWN = ['deployment', 'replicaset', 'job', 'cronjob'];

test('selectControllers: *, names and -names as upstream --controllers', () => {
  assert.deepEqual(selectControllers(['*'], KNOWN), KNOWN);
  assert.deepEqual(selectControllers(['*', '-cronjob'], KNOWN), ['deployment', 'replicaset', 'job']);
  assert.deepEqual(selectControllers(['job', 'deployment'], KNOWN), ['deployment', 'job']);
  assert.deepEqual(selectControllers(['job', '-job'], KNOWN), []);
  assert.throws(() => selectControllers(['*', '-nope'], KNOWN), /unknown controller\(s\) nope; known: deployment, replicaset, job, cronjob/);
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('component server: health endpoints, the registry on /metrics, 404 elsewhere', async () => {
  const registry = new Registry();
  new Counter({ name: 'workqueue_adds_total', help: 'adds', labelNames: ['name'], registers: [registry] }).inc({ name: 'deployment' }, 3);
  const server = await startComponentServer({ name: 'test', host: '127.0.0.1', port: 0, registry });
  try {
    for (const path of ['/healthz', '/livez', '/readyz']) assert.deepEqual(await get(server.address.port, path), { status: 200, body: 'ok' });
    const metrics = await get(server.address.port, '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.body, /^workqueue_adds_total\{name="deployment"\} 3$/m);
    assert.equal((await get(server.address.port, '/nope')).status, 404);
  } finally {
    await server.close();
  }
});
