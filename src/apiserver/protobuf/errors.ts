import { StatusError, newBadRequest, type Status } from '../../machinery/errors/status.js';

/**
 * A protobuf request body we cannot turn into an object. It is a StatusError, so a handler can rethrow it as is:
 * 400 BadRequest for a malformed body, 415 UnsupportedMediaType for a well-formed body of a kind (or content
 * encoding) we have no schema for — the client can resend it as JSON.
 */
export class ProtobufDecodeError extends StatusError {
  constructor(status: Status) {
    super(status);
    this.name = 'ProtobufDecodeError';
  }

  static badRequest(detail: string): ProtobufDecodeError {
    return new ProtobufDecodeError(newBadRequest(`unable to decode protobuf body: ${detail}`).status);
  }

  static unsupported(detail: string): ProtobufDecodeError {
    const message = `unable to decode protobuf body: ${detail}; send this request as application/json instead`;
    return new ProtobufDecodeError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  }
}

export const isProtobufDecodeError = (e: unknown): e is ProtobufDecodeError => e instanceof ProtobufDecodeError;
