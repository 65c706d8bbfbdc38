/**
 * Terminates a WebSocket `v5.channel.k8s.io` exec/attach session (kubectl 1.30+) at the kubelet and speaks SPDY
 * `v4.channel.k8s.io` to the runtime's stream server, which (containerd 1.6) refuses v5 WebSockets. Messages are
 * binary with the channel in byte 0 — 0 stdin, 1 stdout, 2 stderr, 3 error (the exit Status JSON), 4 resize — and v5
 * adds the client's `[255, 0]`, which half-closes stdin (a FIN on the SPDY stdin stream; v4 WebSockets cannot say
 * it, which is why the bridge does not go to the runtime's v4 WebSocket). When the runtime closes the connection the
 * Status is sent on channel 3, then a normal close frame.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { openRemoteCommand, type OutputStream, type StreamType } from './spdy/remote-command.js';

export const V5_PROTOCOL = 'v5.channel.k8s.io';
const CLOSE_SIGNAL = 255;
const CHANNEL: Record<OutputStream, number> = { stdout: 1, stderr: 2, error: 3 };

/** Whether the request is a WebSocket upgrade offering v5 (the bridge's case). */
export function offersV5(req: IncomingMessage): boolean {
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return false;
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered.includes(V5_PROTOCOL);
}

export interface BridgeStreams {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

const wss = new WebSocketServer({ noServer: true, handleProtocols: () => V5_PROTOCOL, perMessageDeflate: false });

/**
 * Opens the SPDY session first (so a refusal is still answered as an HTTP error, before any 101), then accepts the
 * WebSocket and relays both ways.
 */
export async function bridgeV5(req: IncomingMessage, socket: Duplex, head: Buffer, url: string, io: BridgeStreams): Promise<void> {
  const streams = new Set<StreamType>(['error']);
  if (io.stdin) streams.add('stdin');
  if (io.stdout) streams.add('stdout');
  if (io.stderr && !io.tty) streams.add('stderr');
  if (io.tty) streams.add('resize');
  let ws: WebSocket | undefined;
  const early: Array<[OutputStream, Buffer]> = [];
  const status: Buffer[] = [];
  let ended = false;
  const relay = (stream: OutputStream, data: Buffer) => {
    if (stream === 'error') return void status.push(data);
    if (!ws) return void early.push([stream, data]);
    ws.send(Buffer.concat([Buffer.of(CHANNEL[stream]), data]));
  };
  const finish = () => {
    ended = true;
    if (!ws) return;
    if (status.length) ws.send(Buffer.concat([Buffer.of(CHANNEL.error), ...status]));
    ws.close(1000);
  };
  const session = await openRemoteCommand(url, streams, { onData: relay, onClose: finish });
  wss.handleUpgrade(req, socket as Parameters<typeof wss.handleUpgrade>[1], head, (client) => {
    ws = client;
    for (const [stream, data] of early.splice(0)) relay(stream, data);
    client.on('message', (raw: RawData) => onClientMessage(toBuffer(raw), session));
    client.on('close', () => session.close());
    client.on('error', () => session.close());
    if (ended) finish();
  });
}

function onClientMessage(msg: Buffer, session: { write(s: 'stdin' | 'resize', d: Buffer): void; closeStdin(): void }): void {
  if (!msg.length) return;
  const channel = msg[0];
  if (channel === 0) session.write('stdin', msg.subarray(1));
  else if (channel === 4) session.write('resize', msg.subarray(1));
  else if (channel === CLOSE_SIGNAL && msg[1] === 0) session.closeStdin();
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}
