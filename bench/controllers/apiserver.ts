/**
 * Child process 1 of `npm run bench:controllers`: the full HTTPS API server on a temp SQLite file, exactly as
 * `npm run bench:api` starts it (bench/server.ts), on 127.0.0.1 and a free port. Answers with the URL and the
 * admin credentials the other processes use.
 */
import { startBenchServer } from '../server.js';
import { runChild } from '../common/child.js';

runChild('apiserver', async () => {
  const server = await startBenchServer('sqlite');
  const { ca, admin } = server.pki;
  return {
    component: { stop: () => server.stop() },
    ready: { type: 'ready', rest: { server: server.url, caPem: ca.certPem, certPem: admin.certPem, keyPem: admin.keyPem }, describe: server.describe },
  };
});
