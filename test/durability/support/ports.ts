import { createServer } from 'node:net';

/** A loopback port that was free a moment ago (bound with port 0, then released). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (!addr || typeof addr !== 'object') return reject(new Error('no port'));
      srv.close(() => resolve(addr.port));
    });
  });
}
