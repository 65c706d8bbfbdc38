/** Writing a Status as the whole answer, on an HTTP response or on a raw (upgrade) socket. */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Status } from '../../machinery/errors/status.js';

const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };

export function writeStatus(res: ServerResponse, status: Status): void {
  const body = JSON.stringify(status);
  res.writeHead(status.code, { ...HEADERS, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Answers an upgrade request that will not be upgraded, then closes the socket. */
export function writeStatusToSocket(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status);
  const head = [
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}`,
    ...Object.entries(HEADERS).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
