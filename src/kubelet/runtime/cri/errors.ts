/**
 * gRPC failures of CRI calls → RuntimeError with the gRPC status name as its code, so callers test
 * `isRuntimeNotFound(e)` or `e.code === 'DeadlineExceeded'` and never parse messages.
 */
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { RuntimeError, type RuntimeErrorCode } from '../interface.js';

const NAMES: Record<number, RuntimeErrorCode> = {
  [GrpcStatus.CANCELLED]: 'Cancelled',
  [GrpcStatus.UNKNOWN]: 'Unknown',
  [GrpcStatus.INVALID_ARGUMENT]: 'InvalidArgument',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'DeadlineExceeded',
  [GrpcStatus.NOT_FOUND]: 'NotFound',
  [GrpcStatus.ALREADY_EXISTS]: 'AlreadyExists',
  [GrpcStatus.PERMISSION_DENIED]: 'PermissionDenied',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'ResourceExhausted',
  [GrpcStatus.FAILED_PRECONDITION]: 'FailedPrecondition',
  [GrpcStatus.ABORTED]: 'Aborted',
  [GrpcStatus.OUT_OF_RANGE]: 'OutOfRange',
  [GrpcStatus.UNIMPLEMENTED]: 'Unimplemented',
  [GrpcStatus.INTERNAL]: 'Internal',
  [GrpcStatus.UNAVAILABLE]: 'Unavailable',
  [GrpcStatus.DATA_LOSS]: 'DataLoss',
  [GrpcStatus.UNAUTHENTICATED]: 'Unauthenticated',
};

/** A RuntimeError that also keeps the numeric gRPC code and the CRI method, for logs. */
export class CriError extends RuntimeError {
  constructor(
    code: RuntimeErrorCode,
    readonly grpcCode: number,
    readonly method: string,
    readonly details: string,
  ) {
    super(code, `CRI ${method}: ${code} (gRPC ${grpcCode}): ${details}`);
    this.name = 'CriError';
  }
}

const isServiceError = (e: unknown): e is ServiceError =>
  e instanceof Error && typeof (e as Partial<ServiceError>).code === 'number';

export function toRuntimeError(method: string, e: unknown): RuntimeError {
  if (e instanceof RuntimeError) return e;
  if (isServiceError(e)) {
    const code = NAMES[e.code] ?? 'Unknown';
    return new CriError(code, e.code, method, e.details || e.message);
  }
  return new CriError('Unknown', GrpcStatus.UNKNOWN, method, e instanceof Error ? e.message : String(e));
}
