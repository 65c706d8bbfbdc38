/**
 * kubectl 1.31+ port-forward first offers a WebSocket with subprotocol `SPDY/3.1+portforward.k8s.io`: the same SPDY
 * byte stream as a plain SPDY port-forward, carried in binary WebSocket messages (a frame may span messages).
 * containerd's stream server refuses such offers; the kubelet terminates the WebSocket and opens a plain SPDY
 * `portforward.k8s.io` connection to the runtime, relaying bytes unchanged both ways — no SPDY parsing is needed.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { dialSpdy } from './spdy/dial.js';

export const TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

export function offersPortForwardTunnel(req: IncomingMessage): boolean {
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return false;
  return String(req.headers['sec-websocket-protocol'] ?? '').split(',').some((p) => p.trim() === TUNNEL_PROTOCOL);
}

// `ws` rejects this subprotocol ('/' is not a token character of RFC 6455, 400 "Invalid Sec-WebSocket-Protocol"), so
// the offer is removed from the request before the handshake and the answer gets the header through the documented
// 'headers' hook (this server handles only tunnels).
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
wss.on('headers', (headers: string[]) => headers.push(`Sec-WebSocket-Protocol: ${TUNNEL_PROTOCOL}`));

/** Dials the runtime first (a refusal is answered as an HTTP error, before any 101), then relays. */
export async function tunnelPortForward(req: IncomingMessage, socket: Duplex, head: Buffer, url: string): Promise<void> {
  const { socket: spdy, rest } = await dialSpdy(url, 'portforward.k8s.io');
  delete req.headers['sec-websocket-protocol'];
  wss.handleUpgrade(req, socket as Parameters<typeof wss.handleUpgrade>[1], head, (ws) => {
    if (rest.length) ws.send(rest);
    spdy.on('data', (d: Buffer) => ws.send(d));
    spdy.on('close', () => ws.close(1000));
    spdy.on('error', () => spdy.destroy());
    ws.on('message', (raw: RawData) => spdy.write(Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw)));
    ws.on('close', () => spdy.destroy());
    ws.on('error', () => spdy.destroy());
    spdy.resume();
  });
}
