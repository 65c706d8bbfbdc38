/** Where k8ts keeps its state, and paths shown to people (home as `~`). */
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';

/** `$K8TS_DATA_DIR`, else `/var/lib/k8ts` as root, else `~/.k8ts`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.() ?? -1, home = homedir()): string {
  if (env.K8TS_DATA_DIR) return resolve(env.K8TS_DATA_DIR);
  return uid === 0 ? '/var/lib/k8ts' : join(home, '.k8ts');
}

export const dataPaths = (dataDir: string) => ({
  pki: join(dataDir, 'pki'),
  pidFile: join(dataDir, 'k8ts.pid'),
  kubeconfig: join(dataDir, 'kubeconfig'),
  /** The node's own containerd (root, state, sockets, CNI config). */
  containerd: join(dataDir, 'containerd'),
  /** Image archives (`*.tar`) imported into the node's containerd at every start. */
  images: join(dataDir, 'images'),
  /** What the node changed on the host's network, for `k8ts reset` to undo. */
  hostNetwork: join(dataDir, 'node', 'host-network.json'),
  /** Containers' log files, `<ns>_<pod>_<uid>/<container>/<restart>.log` (upstream's /var/log/pods). */
  podLogs: join(dataDir, 'logs', 'pods'),
  /** Per-pod files: the managed /etc/hosts and the volumes (upstream's /var/lib/kubelet/pods). */
  pods: join(dataDir, 'pods'),
});

export function tildify(path: string, home = process.env.HOME || homedir()): string {
  if (home && home !== sep && (path === home || path.startsWith(home + sep))) return `~${path.slice(home.length)}`;
  return path;
}
