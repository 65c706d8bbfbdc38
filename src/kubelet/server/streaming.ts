/**
 * The kubelet's streaming endpoints (upstream's /exec, /attach, /portForward): the runtime hands out a single-use
 * URL on its stream server (containerd's speaks SPDY/3.1 and WebSocket `v4.channel.k8s.io`/`channel.k8s.io`), and
 * the client's upgrade request is replayed there raw (machinery/httpstream): whatever the stream server answers, 101
 * or an error, reaches the client unchanged. (WebSocket `v5.channel.k8s.io` offers, which containerd refuses with 403,
 * are bridged to SPDY instead: v5-bridge.ts.)
 *
 *   /exec/{namespace}/{pod}/{container}?command=…&command=…&stdin=1&stdout=1&stderr=1&tty=1
 *   /attach/{namespace}/{pod}/{container}?stdin=1&stdout=1&stderr=1&tty=1
 *   /portForward/{namespace}/{pod}[?port=P…]  (SPDY clients name ports per stream; WebSocket ones in the query)
 */
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { proxyUpgrade } from '../../machinery/httpstream/upgrade-proxy.js';
import { currentContainer, readySandbox, type KubeletServerRuntime } from './containers.js';
import { badRequest, statusOf } from './respond.js';
import { StatusError } from '../../machinery/errors/status.js';

const TRUE = new Set(['1', 'true', 'True', 'TRUE']);
const flag = (q: URLSearchParams, name: string): boolean => TRUE.has(q.get(name) ?? '');

const unsupported = (what: string) => new StatusError(statusOf(501, 'NotImplemented', `the container runtime does not support ${what}`));

/** The requested streams of an exec/attach query; a TTY merges stderr into stdout. */
export function streamFlags(q: URLSearchParams): { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean } {
  const tty = flag(q, 'tty');
  return { tty, stdin: flag(q, 'stdin'), stdout: flag(q, 'stdout'), stderr: flag(q, 'stderr') && !tty };
}

/** Resolves the stream URL a streaming path asks for; throws a StatusError for a bad or unknown target. */
export async function streamUrl(runtime: KubeletServerRuntime, parts: string[], q: URLSearchParams): Promise<string> {
  const [kind, namespace, pod, container] = parts;
  if (!namespace || !pod) throw badRequest(`${kind} needs a namespace and a pod`);
  if (kind === 'portForward') {
    if (!runtime.portForward) throw unsupported('port forwarding');
    const sandbox = await readySandbox(runtime, namespace, pod);
    const ports = q.getAll('port').map(Number).filter((p) => Number.isInteger(p) && p > 0 && p < 65536);
    return runtime.portForward(sandbox.id, ports);
  }
  if (!container) throw badRequest(`${kind} needs a container name`);
  const status = await currentContainer(runtime, { namespace, pod, container });
  if (status.state !== 'CONTAINER_RUNNING') throw badRequest(`container ${container} is not running (state: ${status.state})`);
  const io = { containerId: status.id, ...streamFlags(q) };
  if (kind === 'exec') {
    if (!runtime.exec) throw unsupported('exec');
    const cmd = q.getAll('command');
    if (!cmd.length) throw badRequest('you must specify at least 1 command');
    return runtime.exec({ ...io, cmd });
  }
  if (!runtime.attach) throw unsupported('attach');
  return runtime.attach(io);
}

/** Splices the upgrade request onto the runtime's stream server at `url` (plain HTTP on a local port). */
export async function proxyToStreamServer(req: IncomingMessage, socket: Duplex, head: Buffer, url: string): Promise<void> {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new StatusError(statusOf(500, 'InternalError', `unsupported stream URL scheme ${u.protocol}`));
  await proxyUpgrade(req, socket, head, {
    path: `${u.pathname}${u.search}`,
    host: u.host,
    connect: () =>
      new Promise<Duplex>((resolve, reject) => {
        const s = connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80) });
        s.once('connect', () => {
          s.off('error', reject);
          resolve(s);
        });
        s.once('error', reject);
      }),
  });
}
