/**
 * A raw HTTP upgrade proxy (the streaming hops of exec/attach/port-forward: API server → kubelet → runtime stream
 * server). The client's request line and headers are replayed on a fresh connection to the next hop — with a new
 * path and Host, and minus the headers that authenticated the client to this hop — and from then on bytes flow
 * both ways unchanged, whatever protocol the two ends agree on (SPDY/3.1, WebSocket channel protocols) and
 * whatever the next hop answers (101, or an error the client sees as is). The client closing or either side failing
 * ends both; the next hop closing ends the client after its last bytes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface UpgradeProxyTarget {
  /** Resolves with a connected (TLS: handshaken) socket to the next hop; a rejection is answered by the caller. */
  connect(): Promise<Duplex>;
  /** Path and query to request on the next hop. */
  path: string;
  host: string;
}

/** Headers that must not travel to the next hop: credentials for this hop, and the Host (replaced). */
const DROPPED = /^(authorization|proxy-authorization|host|impersonate-.*|x-remote-.*)$/i;

export function upgradeRequestHead(req: IncomingMessage, path: string, host: string): string {
  const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`, `Host: ${host}`];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!DROPPED.test(raw[i]!)) lines.push(`${raw[i]}: ${raw[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Connects to the target and splices the two sockets. Rejects (leaving the client socket open, for the caller to
 * answer with a Status) only when the next hop cannot be reached; after that, errors just close both sockets.
 */
export async function proxyUpgrade(req: IncomingMessage, client: Duplex, head: Buffer, target: UpgradeProxyTarget): Promise<void> {
  const upstream = await target.connect();
  const fail = () => {
    client.destroy();
    upstream.destroy();
  };
  upstream.on('error', fail);
  client.on('error', fail);
  // The next hop closing ends the client gracefully (what it sent last is still delivered); the client going
  // away leaves nobody to deliver to.
  upstream.on('close', () => client.end());
  client.on('close', () => upstream.destroy());
  upstream.write(upgradeRequestHead(req, target.path, target.host));
  if (head.length) upstream.write(head);
  upstream.pipe(client);
  client.pipe(upstream);
}
