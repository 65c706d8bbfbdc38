/**
 * The tcpSocket probe (upstream's pkg/probe/tcp): success when a TCP connection to host:port opens within the
 * timeout (it is closed at once); otherwise a failure with Go's dial error text.
 */
import { connect } from 'node:net';
import type { Clock } from '../../machinery/clock/clock.js';
import { joinHostPort } from './port.js';
import type { ProbeOutcome } from './types.js';

export function tcpProbe(host: string, port: number, timeoutMs: number, clock: Clock): Promise<ProbeOutcome> {
  const addr = joinHostPort(host, port);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (o: ProbeOutcome) => {
      timer.cancel();
      socket.destroy();
      resolve(o);
    };
    const timer = clock.setTimeout(() => done({ result: 'failure', output: `dial tcp ${addr}: i/o timeout` }), timeoutMs);
    socket.once('connect', () => done({ result: 'success', output: '' }));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ECONNREFUSED' ? 'connect: connection refused' : e.code === 'EHOSTUNREACH' ? 'connect: no route to host' : e.message;
      done({ result: 'failure', output: `dial tcp ${addr}: ${why}` });
    });
  });
}
