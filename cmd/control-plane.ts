/**
 * The seam between `k8ts up` and the control plane. `up` prepares the data directory and the PKI, calls
 * startControlPlane once, serves its handler on the HTTPS listener (authentication is already done: `user` is the
 * authenticated caller, or undefined for an anonymous request to /livez, /readyz, /healthz or /version), waits for
 * ready(), and at shutdown closes the listener (which ends watch streams) before it calls stop().
 *
 * PLACEHOLDER: the lead replaces the body of startControlPlane with the real store + apiserver + controllers.
 * This one serves only /version, /livez, /readyz and /healthz so `k8ts up` can be exercised end to end.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { UserInfo } from '../src/apiserver/authn/types.js';
import { writeStatus } from '../src/apiserver/server/respond.js';
import type { Logger } from '../src/machinery/log/logger.js';
import type { Pki } from '../src/pki/bundle.js';

export interface ControlPlaneOptions {
  /** Absolute; exists (mode 0700) and is locked by this process's pid file. */
  dataDir: string;
  datastore: 'sqlite' | 'etcd';
  etcd?: { endpoints: string[]; ca?: string; cert?: string; key?: string };
  logger: Logger;
  /** The cluster PKI (CA, serving and admin pairs as PEM), for components that need it. */
  pki?: Pki;
}

/** One finished step of the control plane's start, printed by `up` as `✓ <title> (<ms> ms)`. */
export interface ControlPlaneStep {
  title: string;
  ms: number;
}

export interface ControlPlane {
  handler: (req: IncomingMessage, res: ServerResponse, user: UserInfo | undefined) => void | Promise<void>;
  onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo | undefined) => void | Promise<void>;
  /** Resolves once the control plane serves requests (e.g. the store is open and the registry wired). */
  ready(): Promise<void>;
  /** Stops every component and closes the store. Called once, after the listener has closed. */
  stop(): Promise<void>;
  /** Steps taken by startControlPlane, e.g. `{ title: 'datastore sqlite (/root/.k8ts/db/state.db)', ms: 4 }`. */
  steps?: ControlPlaneStep[];
}

export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const log = opts.logger.child({ component: 'control-plane' });
  log.info('Placeholder control plane: serving /version, /livez, /readyz and /healthz only');
  return {
    handler: (req, res) => placeholderHandler(req, res),
    ready: async () => undefined,
    stop: async () => log.info('Placeholder control plane stopped'),
    steps: [{ title: 'control plane (placeholder: /version and health endpoints only)', ms: 0 }],
  };
}

function placeholderHandler(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?', 1)[0]!;
  if (path === '/version') {
    const body = JSON.stringify({
      major: '1', minor: '30', gitVersion: 'v1.30.0+k8ts', gitCommit: '', gitTreeState: 'clean',
      buildDate: '1970-01-01T00:00:00Z', goVersion: `node ${process.version}`, compiler: 'tsc', platform: `${process.platform}/${process.arch}`,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return void res.end(body);
  }
  if (/^\/(livez|readyz|healthz)(\/.*)?$/.test(path)) {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('ok');
  }
  writeStatus(res, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound',
    message: 'the server could not find the requested resource',
  });
}
