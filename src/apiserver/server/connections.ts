/**
 * Tracks the server's connections so that shutdown is orderly and bounded: idle keep-alive connections and
 * long-running requests (watches, log follows, exec/attach/port-forward upgrades) are closed at once, ordinary
 * requests in flight finish and then their connection is closed, and whatever is left at the deadline is destroyed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

interface ConnState {
  active: number;
  longRunning: number;
  upgraded: boolean;
}

/** Upstream's long-running check: the watch verb and the streaming subresources. */
export function isLongRunning(url: string | undefined): boolean {
  const [path = '', query = ''] = (url ?? '').split('?', 2);
  if (/(^|&)watch=(true|1)(&|$)/.test(query) || /\/watch\//.test(path)) return true;
  return /\/(exec|attach|portforward|proxy)(\/|$)/.test(path) || (/\/log$/.test(path) && /(^|&)follow=(true|1)(&|$)/.test(query));
}

export class ConnectionTracker {
  private readonly raw = new Set<Socket>();
  private readonly conns = new Map<Duplex, ConnState>();
  private shuttingDown = false;

  get closing(): boolean {
    return this.shuttingDown;
  }

  /** Every TCP connection, including those still in the TLS handshake. */
  addRaw(socket: Socket): void {
    this.raw.add(socket);
    socket.once('close', () => this.raw.delete(socket));
  }

  addSecure(socket: Duplex): void {
    this.conns.set(socket, { active: 0, longRunning: 0, upgraded: false });
    socket.once('close', () => this.conns.delete(socket));
  }

  requestStarted(req: IncomingMessage, res: ServerResponse): void {
    const state = this.conns.get(req.socket);
    if (!state) return;
    const long = isLongRunning(req.url);
    state.active++;
    if (long) state.longRunning++;
    if (this.shuttingDown) res.setHeader('Connection', 'close');
    res.once('close', () => {
      state.active--;
      if (long) state.longRunning--;
      if (this.shuttingDown && state.active === 0) req.socket.end();
    });
  }

  upgraded(socket: Duplex): void {
    const state = this.conns.get(socket);
    if (state) state.upgraded = true;
  }

  /** Closes what can be closed now; requests in flight close their connection when they finish. */
  beginShutdown(): void {
    this.shuttingDown = true;
    for (const [socket, s] of this.conns) {
      if (s.upgraded || s.longRunning > 0) socket.destroy();
      else if (s.active === 0) socket.end();
    }
  }

  destroyAll(): void {
    for (const socket of this.conns.keys()) socket.destroy();
    for (const socket of this.raw) socket.destroy();
  }

  get size(): number {
    return this.raw.size;
  }
}
