/**
 * The containerd configuration (version 2) for a containerd that k8ts owns: everything under one directory, so it
 * never collides with another containerd on the machine (see ../shared/docs/runtime.md for why each setting is
 * there). Pure: the launcher writes the text.
 */
import { join } from 'node:path';

export interface ContainerdLayout {
  /** The directory that holds everything (`<data-dir>/containerd`). */
  dir: string;
  root: string;
  state: string;
  /** containerd's gRPC socket: the CRI endpoint. */
  socket: string;
  ttrpcSocket: string;
  runcRoot: string;
  cniConfDir: string;
  configFile: string;
  logFile: string;
  /** The pid of the containerd running on this layout (an orphan after a kill -9 of k8ts is found by it). */
  pidFile: string;
}

export function containerdLayout(dir: string): ContainerdLayout {
  return {
    dir,
    root: join(dir, 'root'),
    state: join(dir, 'state'),
    socket: join(dir, 'containerd.sock'),
    ttrpcSocket: join(dir, 'containerd.sock.ttrpc'),
    runcRoot: join(dir, 'runc'),
    cniConfDir: join(dir, 'cni', 'net.d'),
    configFile: join(dir, 'config.toml'),
    logFile: join(dir, 'containerd.log'),
    pidFile: join(dir, 'containerd.pid'),
  };
}

export interface ContainerdConfigOptions {
  /** Fully qualified, locally present (a short name is listed but never found by name). */
  sandboxImage: string;
  /** Where the CNI plugin binaries are (Debian's containernetworking-plugins: /usr/lib/cni). */
  cniBinDir?: string;
  /** `certs.d`-style registry hosts directory (plain-HTTP local registries), when any. */
  registryConfigPath?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export const DEFAULT_SANDBOX_IMAGE = 'docker.io/local/pause:latest';
export const DEFAULT_CNI_BIN_DIR = '/usr/lib/cni';

/** TOML basic strings accept JSON's escapes. */
const str = (s: string): string => JSON.stringify(s);

export function renderContainerdConfig(layout: ContainerdLayout, opts: ContainerdConfigOptions): string {
  const cri = '[plugins."io.containerd.grpc.v1.cri"';
  const lines = [
    '# Written by k8ts: a containerd of its own (own root, state, sockets and runc root).',
    'version = 2',
    `root = ${str(layout.root)}`,
    `state = ${str(layout.state)}`,
    '',
    '[grpc]',
    `  address = ${str(layout.socket)}`,
    '',
    '[ttrpc]',
    `  address = ${str(layout.ttrpcSocket)}`,
    '',
    '[debug]',
    `  level = ${str(opts.logLevel ?? 'info')}`,
    '',
    '[plugins."io.containerd.internal.v1.opt"]',
    `  path = ${str(join(layout.root, 'opt'))}`,
    '',
    `${cri}]`,
    `  sandbox_image = ${str(opts.sandboxImage)}`,
    '  # Root here lacks CAP_SYS_RESOURCE: without this every sandbox fails with "can\'t get final child\'s PID".',
    '  restrict_oom_score_adj = true',
    '  stream_server_address = "127.0.0.1"',
    '  stream_server_port = "0"',
    '  enable_tls_streaming = false',
    '',
    `${cri}.containerd]`,
    '  snapshotter = "overlayfs"',
    '  default_runtime_name = "runc"',
    '',
    `${cri}.containerd.runtimes.runc]`,
    '  runtime_type = "io.containerd.runc.v2"',
    '',
    `${cri}.containerd.runtimes.runc.options]`,
    '  SystemdCgroup = false',
    `  Root = ${str(layout.runcRoot)}`,
    '',
    `${cri}.cni]`,
    `  bin_dir = ${str(opts.cniBinDir ?? DEFAULT_CNI_BIN_DIR)}`,
    `  conf_dir = ${str(layout.cniConfDir)}`,
    '  max_conf_num = 1',
  ];
  if (opts.registryConfigPath) {
    lines.push('', `${cri}.registry]`, `  config_path = ${str(opts.registryConfigPath)}`);
  }
  return lines.join('\n') + '\n';
}
