/**
 * `kubectl logs / exec` end to end on a real containerd: the real kubectl → the API server (HTTPS, admin client
 * certificate) → the kubelet server (TLS, the API server's kubelet client certificate) → containerd's CRI log files
 * and stream server. The pod runs in a hostNetwork sandbox (no CNI: nothing leaves the machine); the pod and node
 * objects are written by the test (no kubelet sync loop here). Needs root, containerd, runc, busybox-static, kubectl.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CriClient } from '../../src/kubelet/runtime/cri/client.js';
import { which } from '../../src/kubelet/runtime/containerd/binaries.js';
import { importImageArchive } from '../../src/kubelet/runtime/containerd/images.js';
import { startContainerd, type RunningContainerd } from '../../src/kubelet/runtime/containerd/launcher.js';
import { BUSYBOX_IMAGE, STATIC_BUSYBOX, buildTestImages } from '../../src/kubelet/runtime/containerd/testing/oci-image.js';
import { LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID, type ContainerConfig, type PodSandboxConfig } from '../../src/kubelet/runtime/interface.js';
import { nopLogger } from '../../src/machinery/log/logger.js';
import { ensurePki, type Pki } from '../../src/pki/bundle.js';
import { startSecureServer, type SecureServer } from '../../src/apiserver/server/https.js';
import { createApiServer } from '../../src/registry/apiserver.js';
import { STRATEGIES } from '../../src/registry/strategies.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/interface.js';
import type { KubeletServer } from '../../src/kubelet/server/server.js';
import { startNodeKubeletServer } from '../../src/kubelet/server/node-server.js';
import { mountsUnder, unmountAll } from './support/host-processes.js';

function skipReason(): string | false {
  if (process.getuid?.() !== 0) return 'needs root (containerd, runc and overlay mounts)';
  for (const bin of ['containerd', 'runc', 'kubectl']) if (!which(bin)) return `${bin} not installed`;
  if (!existsSync(STATIC_BUSYBOX)) return `${STATIC_BUSYBOX} missing (apt-get install -y busybox-static)`;
  return false;
}

const UID = '6f1e2d3c-0000-4000-8000-0000000057e0';
const POD = 'streams';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('kubectl logs/exec through the API server and the kubelet to containerd', { skip: skipReason(), timeout: 120_000 }, () => {
  let dir: string;
  let containerd: RunningContainerd | undefined;
  let cri: CriClient;
  let pki: Pki;
  let store: Store;
  let api: SecureServer | undefined;
  let kubelet: KubeletServer | undefined;
  let kubeconfig: string;

  const logDir = () => join(dir, 'pods', `default_${POD}_${UID}`);
  const sandboxConfig = (): PodSandboxConfig => ({
    metadata: { name: POD, uid: UID, namespace: 'default', attempt: 0 },
    labels: { [LABEL_POD_NAME]: POD, [LABEL_POD_NAMESPACE]: 'default', [LABEL_POD_UID]: UID },
    annotations: {},
    logDirectory: logDir(),
    linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
  });
  const containerConfig = (name: string, command: string[]): ContainerConfig => {
    mkdirSync(join(logDir(), name), { recursive: true });
    return {
      metadata: { name, attempt: 0 },
      image: { image: BUSYBOX_IMAGE },
      command,
      args: [],
      envs: [],
      labels: { [LABEL_POD_NAME]: POD, [LABEL_POD_NAMESPACE]: 'default', [LABEL_POD_UID]: UID, [LABEL_CONTAINER_NAME]: name },
      annotations: {},
      logPath: `${name}/0.log`,
      linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
    };
  };

  function kubectl(args: string[], stdin?: string, timeoutMs = 30_000, env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
      });
      child.stdin.end(stdin ?? '');
    });
  }

  async function post(path: string, body: unknown): Promise<void> {
    const r = await kubectl(['create', '--raw', path, '-f', '-'], JSON.stringify(body));
    assert.equal(r.code, 0, r.stderr);
  }

  async function putStatus(path: string, mutate: (o: any) => void): Promise<void> {
    const got = await kubectl(['get', '--raw', path]);
    assert.equal(got.code, 0, got.stderr);
    const obj = JSON.parse(got.stdout);
    mutate(obj);
    const file = join(dir, `put-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(obj));
    const r = await kubectl(['replace', '--raw', `${path}/status`, '-f', file]);
    assert.equal(r.code, 0, r.stderr);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'k8ts-streams-'));
    mkdirSync(join(dir, 'images'));
    const archives = await buildTestImages(join(dir, 'images'));
    containerd = await startContainerd({ dir: join(dir, 'containerd') });
    await importImageArchive(archives.pause, { socket: containerd.layout.socket });
    await importImageArchive(archives.busybox, { socket: containerd.layout.socket });
    cri = new CriClient({ endpoint: containerd.endpoint, requestTimeoutMs: 30_000 });

    pki = await ensurePki({ dir: join(dir, 'pki'), hostname: 'localhost' });
    store = openSqliteStore({ path: ':memory:' });
    const wired = createApiServer({
      store,
      strategies: STRATEGIES,
      endpoint: { host: '127.0.0.1', port: 6443, clusterIP: '10.96.0.1' },
      kubeletClient: { ca: pki.ca.certPem, cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem },
    });
    await wired.bootstrap();
    api = await startSecureServer({ host: '127.0.0.1', port: 0, tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem }, handler: wired.server.handle, onUpgrade: wired.server.handleUpgrade, logger: nopLogger });
    kubelet = await startNodeKubeletServer({ ca: pki.ca, nodeName: 'node-a', addresses: ['127.0.0.1'], host: '127.0.0.1', port: 0, runtime: cri, logger: nopLogger, logPollIntervalMs: 50 });
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'k', cluster: { server: `https://127.0.0.1:${api.address.port}`, 'certificate-authority-data': b64(pki.ca.certPem) } }],
        users: [{ name: 'admin', user: { 'client-certificate-data': b64(pki.admin.certPem), 'client-key-data': b64(pki.admin.keyPem) } }],
        contexts: [{ name: 'k', context: { cluster: 'k', user: 'admin', namespace: 'default' } }],
        'current-context': 'k',
      }),
    );

    // The runtime side: one sandbox, a long-running container and a short ticking one.
    mkdirSync(logDir(), { recursive: true });
    const sandbox = await cri.runPodSandbox(sandboxConfig());
    const main = await cri.createContainer(sandbox, containerConfig('main', ['sh', '-c', "echo hello; echo oops >&2; trap 'exit 0' TERM; sleep 3600 & wait"]), sandboxConfig());
    await cri.startContainer(main);
    // The container writes its two lines at once; wait until containerd has logged both (stdout and stderr are
    // copied by separate goroutines, so their order in the file may differ from the order written).
    const mainLog = join(logDir(), 'main', '0.log');
    const deadline = Date.now() + 10_000;
    while (!(existsSync(mainLog) && (readFileSync(mainLog, 'utf8').match(/\n/g) ?? []).length >= 2)) {
      if (Date.now() > deadline) assert.fail('containerd did not log the main container\'s two lines');
      await new Promise((r) => setTimeout(r, 20));
    }
    const ticker = await cri.createContainer(sandbox, containerConfig('ticker', ['sh', '-c', 'for i in 1 2 3; do echo tick $i; sleep 0.4; done']), sandboxConfig());
    await cri.startContainer(ticker);

    // The API side: the node with its kubelet endpoint, the pod bound to it and reported running.
    await post('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
    await putStatus('/api/v1/nodes/node-a', (n) => {
      n.status = { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet!.port } } };
    });
    await post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: POD, annotations: { 'kubectl.kubernetes.io/default-container': 'main' } },
      spec: { nodeName: 'node-a', containers: [{ name: 'main', image: BUSYBOX_IMAGE }, { name: 'ticker', image: BUSYBOX_IMAGE }] },
    });
    const running = (name: string) => ({ name, ready: true, restartCount: 0, image: BUSYBOX_IMAGE, imageID: '', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } });
    await putStatus(`/api/v1/namespaces/default/pods/${POD}`, (p) => {
      p.status = { phase: 'Running', containerStatuses: [running('main'), running('ticker')] };
    });
  });

  after(async () => {
    try {
      await kubelet?.close();
      await api?.close();
      for (const s of (await cri?.listPodSandbox().catch(() => [])) ?? []) {
        await cri.stopPodSandbox(s.id).catch(() => {});
        await cri.removePodSandbox(s.id).catch(() => {});
      }
    } finally {
      cri?.close();
      await containerd?.stop(5_000);
      await store?.close();
      if (dir) {
        unmountAll(mountsUnder(dir));
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test('kubectl logs prints the container log (stdout and stderr)', async () => {
    const r = await kubectl(['logs', POD]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').sort(), ['', 'hello', 'oops']);
    const t = await kubectl(['logs', POD, '-c', 'main', '--tail=1', '--timestamps']);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (oops|hello)\n$/);
    assert.equal(t.stdout.split(' ').slice(1).join(' '), r.stdout.split('\n')[1] + '\n', 'the last line of the log');
  });

  test('kubectl logs -f follows until the container exits', async () => {
    const r = await kubectl(['logs', '-f', POD, '-c', 'ticker'], undefined, 20_000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'tick 1\ntick 2\ntick 3\n');
  });

  test('kubectl exec runs a command and reports its exit code', async () => {
    const r = await kubectl(['exec', POD, '-c', 'main', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.equal(r.code, 3, `exit code; stderr: ${r.stderr}`);
    assert.equal(r.stdout, 'out\n');
    assert.match(r.stderr, /err\n/);
    assert.match(r.stderr, /command terminated with exit code 3/);
  });

  test('kubectl exec -i passes stdin through and sees its end', async () => {
    const r = await kubectl(['exec', '-i', POD, '-c', 'main', '--', 'cat'], 'piped through\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'piped through\n');
  });

  // kubectl 1.30+ offers WebSocket v5 first: the kubelet bridges it to SPDY (containerd refuses v5); with
  // KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false kubectl speaks SPDY, which is spliced through raw. Both must carry more
  // than a SPDY window (64 KiB) of output and the exit code.
  const BIG = "i=0; while [ $i -lt 6000 ]; do echo line-$i-padding-padding-padding; i=$((i+1)); done; exit 5";
  for (const [name, env] of [['WebSocket v5 (bridged)', {}], ['SPDY (spliced)', { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }]] as const) {
    test(`kubectl exec over ${name}: large output and the exit code`, async () => {
      const r = await kubectl(['-v=6', 'exec', POD, '-c', 'main', '--', 'sh', '-c', BIG], undefined, 30_000, env);
      assert.equal(r.code, 5, `exit code; stderr tail: ${r.stderr.slice(-500)}`);
      const lines = r.stdout.split('\n');
      assert.equal(lines.length, 6001, 'every line arrived');
      assert.equal(lines[5999], 'line-5999-padding-padding-padding');
      assert.ok(!/RemoteCommand fallback/.test(r.stderr), `no WebSocket→SPDY fallback: ${r.stderr.match(/.*fallback.*/)?.[0]}`);
    });
  }

  test('kubectl port-forward reaches a port in the pod', async () => {
    // hostNetwork: the pod's port is on the host's loopback; pick one unlikely to be taken.
    const podPort = 20000 + (process.pid % 20000);
    const serve = await kubectl(['exec', POD, '-c', 'main', '--', 'sh', '-c', `mkdir -p /www && echo forwarded > /www/index.html && httpd -p 127.0.0.1:${podPort} -h /www`]);
    assert.equal(serve.code, 0, serve.stderr);
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '-v=6', 'port-forward', `pod/${POD}`, `:${podPort}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const local = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no "Forwarding from" line: ${out}`)), 15_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const res = await fetch(`http://127.0.0.1:${local}/index.html`);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), 'forwarded\n');
      assert.ok(!/fallback/i.test(stderr), `the WebSocket tunnel was accepted, no fallback to SPDY: ${stderr.match(/.*fallback.*/i)?.[0]}`);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

