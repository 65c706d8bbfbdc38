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
});

export function tildify(path: string, home = process.env.HOME || homedir()): string {
  if (home && home !== sep && (path === home || path.startsWith(home + sep))) return `~${path.slice(home.length)}`;
  return path;
}
