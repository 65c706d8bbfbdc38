/**
 * The port of an httpGet/tcpSocket action (upstream's extractPort): a number, or the name of one of the
 * container's ports, or — a last resort, as upstream — a number written as a string.
 */
import type { Container } from 'kubernetes-types/core/v1.js';

export function resolvePort(port: number | string, container: Readonly<Container>): number {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const named = container.ports?.find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else throw new Error(`port ${port} not found`);
  }
  if (Number.isInteger(n) && n > 0 && n < 65536) return n;
  throw new Error(`invalid port number: ${n}`);
}

/** `host:port` with IPv6 hosts bracketed. */
export const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
