/**
 * For tests: a stand-in for the runtime's stream server on 127.0.0.1. An upgrade request to any path is answered
 * `101 Switching Protocols` (echoing Upgrade and X-Stream-Protocol-Version), after which every byte received is sent
 * back; a request whose X-Stream-Protocol-Version is `refuse` gets 400 instead, as a stream server refusing a
 * protocol does. Records each request's method, path and headers.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface SeenUpgrade {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface EchoStreamServer {
  url(path: string): string;
  seen: SeenUpgrade[];
  close(): Promise<void>;
}

export async function startEchoStreamServer(): Promise<EchoStreamServer> {
  const seen: SeenUpgrade[] = [];
  const sockets = new Set<Duplex>();
  const server: Server = createServer((_req, res) => res.writeHead(400).end('upgrade required'));
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const proto = String(req.headers['x-stream-protocol-version'] ?? '');
    if (proto === 'refuse') return void socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 7\r\nConnection: close\r\n\r\nrefused');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${req.headers.upgrade}\r\nX-Stream-Protocol-Version: ${proto}\r\n\r\n`);
    if (head.length) socket.write(head);
    socket.pipe(socket);
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
