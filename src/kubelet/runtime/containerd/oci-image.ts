/**
 * Images without the internet: an OCI image archive whose one layer is the system's static busybox (Debian
 * busybox-static, /bin/busybox) with the usual applet symlinks. The node builds its pause image this way when the
 * runtime lacks it (PID 1 exits on SIGTERM and reaps its children); tests build busybox images the same way
 * (testing/oci-image.ts). The archives import with `ctr images import` (images.ts) under the fully-qualified names
 * given here (the index carries io.containerd.image.name).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const BUSYBOX_IMAGE = 'docker.io/local/busybox:latest';
export const PAUSE_IMAGE = 'docker.io/local/pause:latest';
export const STATIC_BUSYBOX = '/bin/busybox';

/**
 * The applets linked in /bin (busybox dispatches on argv[0]). `tar` and `test` are what `kubectl cp` runs in the
 * container; `dd`, `seq`, `wc`, `sed`, `tr`, `cp`, `mv` and `awk` are for tests' shell scripts.
 */
export const APPLETS = [
  'sh', 'ash', 'awk', 'cat', 'cp', 'date', 'dd', 'echo', 'env', 'false', 'grep', 'head', 'hostname', 'httpd', 'id',
  'ip', 'kill', 'ls', 'mkdir', 'mv', 'nc', 'nslookup', 'ps', 'rm', 'sed', 'seq', 'sleep', 'tail', 'tar', 'test',
  'touch', 'tr', 'true', 'wc', 'wget',
];

/** PID 1 of the pause image: exits 0 on SIGTERM at once; `wait` reaps whatever it was waiting on. */
export const PAUSE_SCRIPT = "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait; done";

export interface ImageSpecOptions {
  /** Fully qualified name, e.g. docker.io/local/busybox:latest. */
  name: string;
  entrypoint?: string[];
  cmd?: string[];
  busybox?: string;
}

const OCI_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Writes `data` as a content-addressed blob of an OCI layout; returns its descriptor. */
function writeBlob(layout: string, mediaType: string, data: Buffer | string) {
  const hex = sha256(data);
  writeFileSync(join(layout, 'blobs', 'sha256', hex), data);
  return { mediaType, digest: `sha256:${hex}`, size: Buffer.byteLength(data) };
}

function buildRootfs(dir: string, busybox: string): void {
  for (const d of ['bin', 'etc', 'tmp', 'proc', 'sys', 'dev', 'root', 'var', 'usr/bin']) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  copyFileSync(busybox, join(dir, 'bin', 'busybox'));
  for (const applet of APPLETS) symlinkSync('busybox', join(dir, 'bin', applet));
  symlinkSync('/bin/busybox', join(dir, 'usr', 'bin', 'busybox'));
  writeFileSync(join(dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  writeFileSync(join(dir, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
}

/** Builds the image archive (a tar of an OCI layout) at `out`. Needs GNU tar. */
export async function buildBusyboxImage(out: string, opts: ImageSpecOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'k8ts-oci-'));
  try {
    const rootfs = join(work, 'rootfs');
    const layout = join(work, 'layout');
    mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
    buildRootfs(rootfs, opts.busybox ?? STATIC_BUSYBOX);
    const layerTar = join(work, 'layer.tar');
    await run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-C', rootfs, '-cf', layerTar, '.']);
    const layerBytes = readFileSync(layerTar);
    const layer = writeBlob(layout, 'application/vnd.oci.image.layer.v1.tar', layerBytes);
    const arch = OCI_ARCH[process.arch] ?? process.arch;
    const config = writeBlob(
      layout,
      'application/vnd.oci.image.config.v1+json',
      JSON.stringify({
        architecture: arch,
        os: 'linux',
        config: {
          Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
          ...(opts.entrypoint ? { Entrypoint: opts.entrypoint } : {}),
          Cmd: opts.cmd ?? ['sh'],
        },
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
    );
    const manifest = writeBlob(
      layout,
      'application/vnd.oci.image.manifest.v1+json',
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers: [layer] }),
    );
    const tag = opts.name.slice(opts.name.lastIndexOf(':') + 1);
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          ...manifest,
          platform: { architecture: arch, os: 'linux' },
          annotations: { 'io.containerd.image.name': opts.name, 'org.opencontainers.image.ref.name': tag },
        },
      ],
    };
    writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
    writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    await run('tar', ['--owner=0', '--group=0', '--numeric-owner', '-C', layout, '-cf', out, 'oci-layout', 'index.json', 'blobs']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The pause image archive at `out` (the sandbox image: sleeps, exits 0 on SIGTERM, reaps children). */
export async function buildPauseImage(out: string, busybox?: string): Promise<void> {
  await buildBusyboxImage(out, { name: PAUSE_IMAGE, entrypoint: ['/bin/sh', '-c', PAUSE_SCRIPT], cmd: [], ...(busybox ? { busybox } : {}) });
}
