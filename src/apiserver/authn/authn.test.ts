import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { authenticateRequest, isAnonymousPath } from './request.js';
import { staticTokenAuthenticator } from './token.js';
import type { AuthenticationRequest } from './types.js';
import { unionAuthenticator } from './union.js';
import { x509Authenticator } from './x509.js';

interface FakePeer {
  subject?: { CN?: string | string[]; O?: string | string[] };
  authorized?: boolean;
}

function request(peer?: FakePeer, headers: Record<string, string> = {}, url = '/api'): AuthenticationRequest & { url: string } {
  const socket = {
    authorized: peer?.authorized ?? false,
    authorizationError: peer?.authorized ? null : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    getPeerCertificate: () => (peer?.subject ? { subject: peer.subject } : {}),
  } as unknown as Socket;
  return { socket, headers, url };
}

const anonymousCases: Array<[string, boolean]> = [
  ['/livez', true],
  ['/readyz/ping', true],
  ['/healthz?verbose', true],
  ['/version/', true],
  ['/versions', false],
  ['/api', false],
  ['/apis/apps/v1', false],
  ['/', false],
];
for (const [url, want] of anonymousCases) test(`isAnonymousPath(${url}) = ${want}`, () => assert.equal(isAnonymousPath(url), want));

test('x509: verified certificate maps CN to user and O values to groups', async () => {
  const res = await x509Authenticator().authenticate(request({ authorized: true, subject: { CN: 'jane', O: ['dev', 'ops'] } }));
  assert.deepEqual(res, { ok: true, authenticator: 'x509', user: { username: 'jane', groups: ['dev', 'ops', 'system:authenticated'] } });
});

test('x509: single O string is one group', async () => {
  const res = await x509Authenticator().authenticate(request({ authorized: true, subject: { CN: 'k8ts-admin', O: 'system:masters' } }));
  assert.ok(res.ok && res.user.groups.includes('system:masters'));
});

test('x509: an unverified certificate is an error; no certificate is no opinion', async () => {
  const bad = await x509Authenticator().authenticate(request({ authorized: false, subject: { CN: 'mallory' } }));
  assert.equal(bad.ok, false);
  assert.match((bad as { error: string }).error, /client certificate rejected/);
  assert.deepEqual(await x509Authenticator().authenticate(request()), { ok: false });
});

const tokens = staticTokenAuthenticator(new Map([['s3cret', { username: 'bot', groups: ['robots'] }]]));

test('token: a known bearer token names its user', async () => {
  const res = await tokens.authenticate(request(undefined, { authorization: 'Bearer s3cret' }));
  assert.deepEqual(res, { ok: true, authenticator: 'token', user: { username: 'bot', groups: ['robots', 'system:authenticated'] } });
  assert.equal((await tokens.authenticate(request(undefined, { authorization: 'Bearer nope' }))).ok, false);
});

test('union: first success wins over earlier errors', async () => {
  const chain = unionAuthenticator(x509Authenticator(), tokens);
  const res = await chain.authenticate(request({ authorized: false, subject: { CN: 'x' } }, { authorization: 'Bearer s3cret' }));
  assert.ok(res.ok && res.user.username === 'bot');
});

const decisionCases: Array<{ name: string; req: ReturnType<typeof request>; allowed: boolean; user?: string }> = [
  { name: 'anonymous /api is refused', req: request(undefined, {}, '/api'), allowed: false },
  { name: 'anonymous /version is allowed without a user', req: request(undefined, {}, '/version'), allowed: true },
  { name: 'a bad token on /api is refused', req: request(undefined, { authorization: 'Bearer x' }, '/api'), allowed: false },
  { name: 'a client certificate on /api is allowed', req: request({ authorized: true, subject: { CN: 'k8ts-admin' } }), allowed: true, user: 'k8ts-admin' },
];
for (const c of decisionCases) {
  test(`authenticateRequest: ${c.name}`, async () => {
    const d = await authenticateRequest(c.req, unionAuthenticator(x509Authenticator(), tokens));
    assert.equal(d.allowed, c.allowed);
    if (d.allowed) assert.equal(d.user?.username, c.user);
    else {
      assert.equal(d.status.code, 401);
      assert.deepEqual(d.status.status, {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401,
      });
    }
  });
}
