/**
 * A network namespace made by the test, for anything that creates the pod network (NETWORK SAFETY): loopback up,
 * one interface holding a private node address (a dummy, or where the kernel has no dummy driver one end of a veth
 * pair whose both ends stay inside), and no default route, so no packet can leave the machine. Commands run inside
 * it with `ip netns exec` (kubectl, like a user on the node) or `nsenter --net` (k8ts itself: it keeps the host's
 * mount namespace, so the test sees the mounts and pod namespaces k8ts creates). `destroy()` deletes only the
 * namespace this test created.
 */
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const NODE_IFACE = 'k8ts-e2e0';

export interface TestNetns {
  name: string;
  /** The dummy interface's address (the node's InternalIP). */
  nodeIP: string;
  /** Path for `nsenter --net=`. */
  path: string;
  /** Runs a command in the namespace (network only: `nsenter --net`); resolves with its output, never rejects. */
  exec(cmd: string, args: string[], opts?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Spawns a long-running process in the namespace (network only). */
  spawn(cmd: string, args: string[], opts: SpawnOptions): ChildProcess;
  destroy(): Promise<void>;
}

export async function createTestNetns(nodeIP = '172.30.0.2', prefixLen = 24): Promise<TestNetns> {
  const name = `k8ts-e2e-${process.pid}-${randomBytes(3).toString('hex')}`;
  await run('ip', ['netns', 'add', name]);
  const path = `/run/netns/${name}`;
  const exec: TestNetns['exec'] = (cmd, args, opts = {}) =>
    new Promise((resolve) => {
      const o = { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 << 20, ...(opts.env ? { env: opts.env } : {}) };
      execFile('nsenter', [`--net=${path}`, '--', cmd, ...args], o, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  try {
    await run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    await addNodeInterface(name);
    await run('ip', ['-n', name, 'addr', 'add', `${nodeIP}/${prefixLen}`, 'dev', NODE_IFACE]);
    await run('ip', ['-n', name, 'link', 'set', NODE_IFACE, 'up']);
    const { stdout } = await run('ip', ['-n', name, 'route', 'show', 'default']);
    if (stdout.trim()) throw new Error(`netns ${name} has a default route: ${stdout}`);
  } catch (err) {
    await run('ip', ['netns', 'del', name]).catch(() => undefined);
    throw err;
  }
  return {
    name,
    nodeIP,
    path,
    exec,
    spawn: (cmd, args, opts) => spawn('nsenter', [`--net=${path}`, '--', cmd, ...args], opts),
    destroy: async () => {
      await run('ip', ['netns', 'del', name]).catch(() => undefined);
    },
  };
}

/** A dummy interface; without the dummy driver, a veth pair with both ends inside the namespace (leads nowhere). */
async function addNodeInterface(ns: string): Promise<void> {
  try {
    await run('ip', ['-n', ns, 'link', 'add', NODE_IFACE, 'type', 'dummy']);
  } catch {
    await run('ip', ['-n', ns, 'link', 'add', NODE_IFACE, 'type', 'veth', 'peer', 'name', `${NODE_IFACE}p`]);
    await run('ip', ['-n', ns, 'link', 'set', `${NODE_IFACE}p`, 'up']);
  }
}

/** Whether a netns of that name exists. */
export async function netnsExists(name: string): Promise<boolean> {
  const { stdout } = await run('ip', ['netns', 'list']);
  return stdout.split('\n').some((l) => l.split(' ')[0] === name);
}

export interface NetnsKubectlResult {
  code: number;
  stdout: string;
  stderr: string;
  command: string;
}

/**
 * The real kubectl run inside the namespace (`ip netns exec`), as a user on the node would: the API server listens
 * on the namespace's loopback. HOME and the cache live in `scratchDir`, so nothing touches ~/.kube.
 */
export function kubectlIn(ns: TestNetns, kubeconfig: string, scratchDir: string, args: string[], timeoutMs = 30_000, stdin?: string): Promise<NetnsKubectlResult> {
  const command = `kubectl ${args.join(' ')}`;
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: `${scratchDir}/home`, KUBECONFIG: kubeconfig, LANG: 'C.UTF-8' };
  const argv = ['netns', 'exec', ns.name, 'kubectl', '--kubeconfig', kubeconfig, '--cache-dir', `${scratchDir}/kube-cache`, ...args];
  return new Promise((resolve) => {
    const child = execFile('ip', argv, { env, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), command });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin ?? '');
  });
}
