import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOPBACK_USER, startLoopbackServer } from './loopback.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-loopback-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function get(socketPath: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

test('every request runs as system:apiserver in system:masters; the socket is 0600 and removed at close', async () => {
  const socketPath = join(dir, 'a.sock');
  const server = await startLoopbackServer({
    socketPath,
    handler: (req, res, user) => void res.writeHead(200).end(JSON.stringify({ url: req.url, user })),
  });
  assert.equal((await stat(socketPath)).mode & 0o777, 0o600);
  const res = await get(socketPath, '/api/v1/pods');
  assert.deepEqual(JSON.parse(res.body), { url: '/api/v1/pods', user: LOOPBACK_USER });
  assert.equal(LOOPBACK_USER.username, 'system:apiserver');
  assert.ok(LOOPBACK_USER.groups.includes('system:masters'));
  await server.close();
  await server.close();
  assert.equal(existsSync(socketPath), false);
});

test('a stale socket file is replaced', async () => {
  const socketPath = join(dir, 'stale.sock');
  await writeFile(socketPath, 'left over');
  const server = await startLoopbackServer({ socketPath, handler: (_req, res) => void res.writeHead(204).end() });
  try {
    assert.equal((await get(socketPath, '/')).status, 204);
  } finally {
    await server.close();
  }
});

test('a handler that throws answers 500 with a Status', async () => {
  const socketPath = join(dir, 'throw.sock');
  const server = await startLoopbackServer({
    socketPath,
    handler: () => {
      throw new Error('boom');
    },
  });
  try {
    const res = await get(socketPath, '/');
    assert.equal(res.status, 500);
    assert.equal(JSON.parse(res.body).reason, 'InternalError');
  } finally {
    await server.close();
  }
});

test('close ends an open long-running response', { timeout: 5_000 }, async () => {
  const socketPath = join(dir, 'long.sock');
  const server = await startLoopbackServer({ socketPath, handler: (_req, res) => void res.writeHead(200).write('{"type":"ADDED"}\n') });
  let closed: Promise<void> | undefined;
  const ended = new Promise<void>((resolve) => {
    request({ socketPath, path: '/watch' }, (res) => {
      res.once('data', () => (closed = server.close()));
      res.on('close', () => resolve());
      res.resume();
    }).end();
  });
  await ended;
  await closed;
  assert.equal(existsSync(socketPath), false);
});
