import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Metadata, status } from '@grpc/grpc-js';
import { RuntimeError, isRuntimeNotFound } from '../interface.js';
import { CriError, toRuntimeError } from './errors.js';

const serviceError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });

const cases: [number, string][] = [
  [status.NOT_FOUND, 'NotFound'],
  [status.DEADLINE_EXCEEDED, 'DeadlineExceeded'],
  [status.UNAVAILABLE, 'Unavailable'],
  [status.UNIMPLEMENTED, 'Unimplemented'],
  [status.INVALID_ARGUMENT, 'InvalidArgument'],
  [status.UNKNOWN, 'Unknown'],
];
for (const [code, name] of cases) {
  test(`gRPC ${code} → RuntimeError ${name}, with method and code in the message`, () => {
    const e = toRuntimeError('ContainerStatus', serviceError(code, 'container "x" not found'));
    assert.ok(e instanceof CriError && e instanceof RuntimeError);
    assert.equal(e.code, name);
    assert.equal(e.grpcCode, code);
    assert.match(e.message, new RegExp(`^CRI ContainerStatus: ${name} \\(gRPC ${code}\\): container "x" not found$`));
    assert.equal(isRuntimeNotFound(e), name === 'NotFound');
  });
}

test('a non-gRPC failure is Unknown; a RuntimeError passes through', () => {
  assert.equal(toRuntimeError('Version', new Error('boom')).code, 'Unknown');
  const own = new RuntimeError('NotFound', 'x');
  assert.equal(toRuntimeError('Version', own), own);
});
