/**
 * For tests: sends an upgrade request over TLS (with a client certificate) and hands back the status line and
 * headers of the answer, plus the socket for the bytes after it.
 */
import { connect, type TLSSocket } from 'node:tls';

export interface UpgradeAnswer {
  statusCode: number;
  head: string;
  /** Bytes received after the header block so far; later bytes arrive on `socket`. */
  rest: Buffer;
  socket: TLSSocket;
}

export interface UpgradeClientOptions {
  port: number;
  path: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  tls: { ca: string; cert?: string; key?: string };
  timeoutMs?: number;
}

export function upgradeOverTls(o: UpgradeClientOptions): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: o.port, ca: o.tls.ca, ...(o.tls.cert ? { cert: o.tls.cert, key: o.tls.key } : {}), servername: 'localhost' });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to the upgrade of ${o.path}`));
    }, o.timeoutMs ?? 5_000);
    let buf = Buffer.alloc(0);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('secureConnect', () => {
      const lines = [`${o.method ?? 'POST'} ${o.path} HTTP/1.1`, 'Host: localhost', ...Object.entries(o.headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause();
      clearTimeout(timer);
      const head = buf.subarray(0, end).toString('latin1');
      resolve({ statusCode: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, rest: buf.subarray(end + 4), socket });
    };
    socket.on('data', onData);
  });
}

/** Reads from the socket until `want` bytes have arrived (after `already`), or fails past the deadline. */
export function readBytes(socket: TLSSocket, already: Buffer, want: number, timeoutMs = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = already;
    if (buf.length >= want) return resolve(buf);
    const timer = setTimeout(() => reject(new Error(`got ${buf.length} of ${want} bytes`)), timeoutMs);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < want) return;
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(buf);
    };
    socket.on('data', onData);
    socket.resume();
  });
}
