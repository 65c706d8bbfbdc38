/** The kubelet server's error answers: a v1 Status (what the API server relays to kubectl), on a response or a raw socket. */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { StatusError, type Status, type StatusReason } from '../../machinery/errors/status.js';
import { RuntimeError } from '../runtime/interface.js';

export function statusOf(code: number, reason: StatusReason, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export const notFound = (message: string): StatusError => new StatusError(statusOf(404, 'NotFound', message));
export const badRequest = (message: string): StatusError => new StatusError(statusOf(400, 'BadRequest', message));

/** Maps an error to the Status answered: StatusErrors as they are, runtime NotFound → 404, the rest → 500. */
export function toStatus(err: unknown): Status {
  if (err instanceof StatusError) return err.status;
  if (err instanceof RuntimeError && err.code === 'NotFound') return statusOf(404, 'NotFound', err.message);
  if (err instanceof RuntimeError && (err.code === 'FailedPrecondition' || err.code === 'InvalidArgument')) return statusOf(400, 'BadRequest', err.message);
  if (err instanceof RuntimeError && err.code === 'Unimplemented') return statusOf(501, 'NotImplemented', err.message);
  return statusOf(500, 'InternalError', err instanceof Error ? err.message : String(err));
}

export function writeStatus(res: ServerResponse, status: Status): void {
  const body = JSON.stringify(status);
  res.writeHead(status.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function writeStatusToSocket(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status);
  const head = [`HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
