/**
 * The small HTTPS endpoint every standalone component serves (upstream's secure port of kube-controller-manager
 * 10257 and kube-scheduler 10259): /healthz, /livez, /readyz answer `ok` while the component runs, /metrics the
 * component's Prometheus registry. The certificate is self-signed at start. Requests are not authenticated: the
 * port is meant for loopback (the default bind address); upstream delegates to the API server's TokenReview.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { selfSignedServing } from '../src/pki/self-signed.js';
import { listenError } from './errors.js';

export interface ComponentServer {
  address: { host: string; port: number };
  close(): Promise<void>;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export async function startComponentServer(o: { name: string; host: string; port: number; registry: Registry }): Promise<ComponentServer> {
  const tls = await selfSignedServing(o.name);
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (HEALTH.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('ok');
    } else if (path === '/metrics') {
      o.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': o.registry.contentType }).end(text),
        (err: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err)),
      );
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, o.host, o.port)));
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    address: { host: o.host, port: addr.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
