/**
 * Child process of `npm run bench:scheduler`: the full HTTPS API server on a temp SQLite file, exactly as
 * `npm run bench:api` and `bench:controllers` start it (bench/server.ts), on 127.0.0.1 and a free port. Answers
 * with the URL and the admin credentials the other processes use. A file of its own (not
 * bench/controllers/apiserver.ts) so that `pgrep -f bench/controllers` never matches this benchmark.
 */
import { startBenchServer } from '../server.js';
import { runChild } from '../common/child.js';
import { profileMeasuredPhase } from '../common/measured-profile.js';

const profile = profileMeasuredPhase('apiserver');

runChild('apiserver', async () => {
  const server = await startBenchServer('sqlite');
  const { ca, admin } = server.pki;
  return {
    component: {
      stop: async () => {
        await profile.stop();
        await server.stop();
      },
    },
    ready: { type: 'ready', rest: { server: server.url, caPem: ca.certPem, certPem: admin.certPem, keyPem: admin.keyPem }, describe: server.describe },
  };
});
