import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConflictStatus, isNotFoundStatus, newNotFound } from '../../machinery/errors/status.js';
import { errorFromResponse } from './errors.js';

test("a Status body is the error's status", () => {
  const status = newNotFound({ group: 'apps', resource: 'deployments' }, 'web').status;
  const err = errorFromResponse(404, {}, Buffer.from(JSON.stringify(status)));
  assert.ok(isNotFoundStatus(err));
  assert.deepEqual(err.status, status);
});

const synthesized = [
  { code: 409, body: 'conflict!', reason: 'Conflict', message: /409: conflict!/ },
  { code: 502, body: '<html>bad gateway</html>', reason: 'InternalError', message: /502: <html>/ },
  { code: 404, body: '', reason: 'NotFound', message: /did not return more information/ },
  { code: 418, body: '{"kind":"Teapot"}', reason: 'BadRequest', message: /418/ },
];
for (const c of synthesized) {
  test(`a non-Status ${c.code} body gets a synthesized Status (${c.reason})`, () => {
    const err = errorFromResponse(c.code, {}, Buffer.from(c.body));
    assert.equal(err.code, c.code);
    assert.equal(err.reason, c.reason);
    assert.match(err.message, c.message);
  });
}

test('Retry-After is kept as details.retryAfterSeconds', () => {
  const err = errorFromResponse(429, { 'retry-after': '3' }, Buffer.from('slow down'));
  assert.equal(err.status.details?.retryAfterSeconds, 3);
  assert.equal(isConflictStatus(err), false);
});
