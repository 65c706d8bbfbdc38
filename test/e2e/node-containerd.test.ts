/**
 * The real node of `k8ts up` end to end, inside a network namespace this test makes (no default route: no packet
 * can leave the machine): containerd of its own, the k8ts0 CNI bridge, the kubelet on the CRI. The real kubectl
 * runs inside the namespace. Shows: the node Ready on containerd 1.6 with podCIDR 10.244.0.0/24; a preloaded
 * busybox pod Running with a pod IP from that /24; one pod reaching another by IP (and failing on a closed port);
 * its hostPort answering on the node address (portmap); `k8ts image import --name`; a deleted pod's sandbox and
 * containers gone from containerd; after a kill -9 of k8ts, the next `up` replacing the orphaned containerd and
 * keeping the running pod (same sandbox, no restart); after stop + `k8ts reset`, no containerd or shim of ours, no
 * mount under the data directory, no pod network namespace, no bridge, no CNI nat chain, no unreachable route.
 * A second `up` uses an existing containerd through --container-runtime-endpoint (registration only: no pod runs
 * there, so that containerd, started outside the namespace, never makes a pod network) and its reset leaves that
 * containerd alone. Needs root, containerd, runc, the CNI plugins, busybox-static, nsenter, curl and kubectl.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { containerdLayout } from '../../src/kubelet/runtime/containerd/config.js';
import { startContainerd, type RunningContainerd } from '../../src/kubelet/runtime/containerd/launcher.js';
import { BUSYBOX_IMAGE, buildBusyboxImage } from '../../src/kubelet/runtime/containerd/oci-image.js';
import { shimPids } from '../../src/kubelet/runtime/containerd/teardown.js';
import { mountsUnder } from '../../src/kubelet/node/mounts.js';
import { CriClient } from '../../src/kubelet/runtime/cri/client.js';
import { isAlive, processRef, type ProcessRef } from '../integration/support/host-processes.js';
import { REPO_ROOT } from './support/cluster.js';
import { NodeCluster, nodeSkipReason as skipReason, pollDefined as poll } from './support/node-cluster.js';
import { createTestNetns, netnsExists, type TestNetns } from './support/netns.js';

const NODE = 'e2e-node';
const POD_CIDR_PREFIX = '10.244.0.';
const HOST_PORT = 30080;

/** A pod's JSON, or undefined. */
async function pod(c: NodeCluster, name: string): Promise<any> {
  const r = await c.kubectl(['get', 'pod', name, '-o', 'json']);
  return r.code === 0 ? JSON.parse(r.stdout) : undefined;
}

/** A pod's phase once it is one of `phases` (fails fast on an unexpected terminal phase). */
function podPhase(c: NodeCluster, name: string, phases: string[], ms = 60_000): Promise<any> {
  return poll(`pod ${name} in ${phases.join('/')}`, ms, async () => {
    const p = await pod(c, name);
    return p && phases.includes(p.status?.phase) ? p : undefined;
  });
}

const cniNetns = (): string[] => (existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith('cni-')) : []);

describe('k8ts up with a real node (containerd, CNI) in a network namespace', { skip: skipReason(), timeout: 300_000 }, () => {
  let ns: TestNetns | undefined;
  let scratch: string;
  let c: NodeCluster;
  let cri: CriClient | undefined;
  const netnsBefore = new Set(cniNetns());
  const tracked: ProcessRef[] = [];
  /** The containerd of the k8ts running now. */
  let containerd: ProcessRef | undefined;
  const timings: Record<string, number> = {};

  before(async () => {
    const t0 = Date.now();
    scratch = mkdtempSync(join(tmpdir(), 'k8ts-e2e-node-'));
    ns = await createTestNetns();
    c = new NodeCluster(ns, scratch, NODE);
    mkdirSync(join(c.dataDir, 'images'), { recursive: true });
    await buildBusyboxImage(join(c.dataDir, 'images', 'busybox.tar'), { name: BUSYBOX_IMAGE });
    await c.start(120_000);
    timings['up'] = Date.now() - t0;
    cri = new CriClient({ endpoint: containerdLayout(join(c.dataDir, 'containerd')).socket, requestTimeoutMs: 10_000 });
  }, { timeout: 180_000 });

  after(async () => {
    // Safety net: the last test stops and resets everything and asserts it.
    cri?.close();
    if (c) {
      await c.stop(10_000);
      if (existsSync(c.dataDir)) await c.reset();
    }
    await ns?.destroy();
    if (scratch && !process.env['K8TS_E2E_KEEP']) rmSync(scratch, { recursive: true, force: true });
  }, { timeout: 150_000 });

  test('up prints the node steps; the node is Ready on containerd 1.6 with podCIDR 10.244.0.0/24', async () => {
    const log = c.log();
    assert.match(log, /✓ host network: unreachable 10\.244\.0\.0\/16, 10\.96\.0\.0\/12 \(added 10\.244\.0\.0\/16, 10\.96\.0\.0\/12\)/);
    const m = /✓ containerd (1\.6\.\S+) \(pid (\d+), .*containerd\)/.exec(log);
    assert.ok(m, `containerd step missing:\n${c.tail()}`);
    containerd = processRef(Number(m[2]))!;
    tracked.push(containerd);
    assert.match(log, /✓ images: pause \(built from busybox\), 1 preloaded/);
    assert.match(log, new RegExp(`✓ node ${NODE} registered \\(${ns!.nodeIP.replaceAll('.', '\\.')}, podCIDR 10\\.244\\.0\\.0/24\\)`));
    const node = await poll('node Ready', 60_000, async () => {
      const r = await c.kubectl(['get', 'node', NODE, '-o', 'json']);
      const n = r.code === 0 ? JSON.parse(r.stdout) : undefined;
      return n?.status?.conditions?.find((x: any) => x.type === 'Ready')?.status === 'True' ? n : undefined;
    });
    assert.match(node.status.nodeInfo.containerRuntimeVersion, /^containerd:\/\/1\.6\./);
    assert.equal(node.spec.podCIDR, '10.244.0.0/24');
    assert.equal(node.status.addresses.find((a: any) => a.type === 'InternalIP')?.address, ns!.nodeIP);
    const routes = execFileSync('ip', ['-n', ns!.name, '-4', 'route', 'show', 'type', 'unreachable']).toString();
    assert.match(routes, /unreachable 10\.244\.0\.0\/16/);
    assert.match(routes, /unreachable 10\.96\.0\.0\/12/);
  });

  test('a preloaded busybox pod runs with a pod IP from the node /24', async () => {
    const t0 = Date.now();
    // sh traps TERM so the pod stops at once when deleted (busybox httpd as PID 1 would ignore SIGTERM).
    const web = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [{
          name: 'web',
          image: BUSYBOX_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', "trap 'exit 0' TERM; httpd -f -p 8080 -h /etc & wait"],
          ports: [{ containerPort: 8080, hostPort: HOST_PORT }],
        }],
      },
    };
    const r = await c.kubectl(['create', '-f', '-'], 30_000, JSON.stringify(web));
    assert.equal(r.code, 0, r.stderr);
    const p = await podPhase(c, 'web', ['Running']);
    timings['pod running'] = Date.now() - t0;
    assert.ok(p.status.podIP?.startsWith(POD_CIDR_PREFIX), `podIP ${p.status.podIP} not in 10.244.0.0/24`);
    assert.notEqual(p.status.podIP, '10.244.0.1', 'the gateway is the bridge, not a pod');
    assert.equal(p.status.hostIP, ns!.nodeIP);
    assert.ok(mountsUnder(c.dataDir).length > 0, 'a running pod has overlay mounts under the data directory (the cleanup check can fail)');
    assert.ok(cniNetns().some((n) => !netnsBefore.has(n)), 'the pod has a network namespace of its own');
  });

  test('a pod reaches another by IP; a closed port fails', async () => {
    const ip = (await pod(c, 'web')).status.podIP as string;
    const probe = (port: number) => `printf 'GET /passwd HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ${ip} ${port} | grep -q '^root:'`;
    for (const [name, port] of [['client', 8080], ['client-closed', 8081]] as const) {
      const r = await c.kubectl(['run', name, '--restart=Never', '--image', BUSYBOX_IMAGE, '--image-pull-policy', 'IfNotPresent', '--command', '--', 'sh', '-c', probe(port)]);
      assert.equal(r.code, 0, r.stderr);
    }
    const ok = await podPhase(c, 'client', ['Succeeded', 'Failed']);
    assert.equal(ok.status.phase, 'Succeeded', `client could not fetch http://${ip}:8080/passwd: ${JSON.stringify(ok.status.containerStatuses)}`);
    const closed = await podPhase(c, 'client-closed', ['Succeeded', 'Failed']);
    assert.equal(closed.status.phase, 'Failed', 'nothing listens on 8081: the probe must fail');
  });

  test('a hostPort answers on the node address (portmap)', async () => {
    const r = await ns!.exec('curl', ['-sS', '-m', '5', `http://${ns!.nodeIP}:${HOST_PORT}/passwd`]);
    assert.equal(r.code, 0, `curl through the hostPort: ${r.stderr}`);
    assert.match(r.stdout, /^root:/m);
    const nat = execFileSync('ip', ['netns', 'exec', ns!.name, 'iptables', '-w', '-t', 'nat', '-S']).toString();
    assert.match(nat, /^-N CNI-HOSTPORT-DNAT$/m);
  });

  test('k8ts image import --name stores a tag-only OCI archive under the given name', async () => {
    const dir = join(scratch, 'tag-only');
    mkdirSync(join(dir, 'layout'), { recursive: true });
    await buildBusyboxImage(join(dir, 'full.tar'), { name: 'docker.io/local/ignored:latest' });
    execFileSync('tar', ['-xf', join(dir, 'full.tar'), '-C', join(dir, 'layout')]);
    const indexFile = join(dir, 'layout', 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    index.manifests[0].annotations = { 'org.opencontainers.image.ref.name': 'v1' };
    writeFileSync(indexFile, JSON.stringify(index));
    execFileSync('tar', ['-cf', join(dir, 'tag-only.tar'), '-C', join(dir, 'layout'), '.']);
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'bin/k8ts.js'), 'image', 'import', join(dir, 'tag-only.tar'), '--name', 'docker.io/local/tagonly:v1', '--data-dir', c.dataDir], {
      env: { ...process.env, K8TS_FROM_SOURCE: '1', HOME: join(scratch, 'home') },
    }).toString();
    assert.match(out, /✓ imported .*docker\.io\/local\/tagonly:v1/);
    const img = await cri!.imageStatus({ image: 'docker.io/local/tagonly:v1' });
    assert.ok(img?.repoTags.includes('docker.io/local/tagonly:v1'), `repoTags ${img?.repoTags}`);
    assert.equal(await cri!.imageStatus({ image: 'docker.io/local/ignored:latest' }), undefined, 'the index annotation was removed');
  });

  test('deleting a pod removes its containers and its sandbox from containerd', async () => {
    const uid = (await pod(c, 'web')).metadata.uid as string;
    assert.equal((await cri!.listPodSandbox({ podUid: uid })).length, 1, 'web has one sandbox');
    const t0 = Date.now();
    const r = await c.kubectl(['delete', 'pod', 'web', '--wait=true'], 60_000);
    assert.equal(r.code, 0, r.stderr);
    await poll('web sandbox and containers removed', 30_000, async () => {
      const left = [...(await cri!.listPodSandbox({ podUid: uid })), ...(await cri!.listContainers({ podUid: uid }))];
      return left.length === 0 ? true : undefined;
    });
    timings['pod deleted'] = Date.now() - t0;
  });

  test('after a kill -9 of k8ts, the next up replaces its orphaned containerd and keeps the running pod', async () => {
    const r = await c.kubectl(['run', 'survivor', '--image', BUSYBOX_IMAGE, '--image-pull-policy', 'IfNotPresent', '--command', '--', 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]);
    assert.equal(r.code, 0, r.stderr);
    const before = await podPhase(c, 'survivor', ['Running']);
    const uid = before.metadata.uid as string;
    const sandboxes = (await cri!.listPodSandbox({ podUid: uid })).map((s) => s.id);
    assert.equal(sandboxes.length, 1, 'one sandbox');
    cri!.close();

    process.kill(c.pid!, 'SIGKILL');
    await c.stop();
    assert.equal(c.exitCode, -1, 'killed');
    assert.ok(isAlive(containerd!), 'its containerd outlives it (an orphan)');

    const t0 = Date.now();
    c = new NodeCluster(ns!, scratch, NODE);
    await c.start(120_000);
    timings['restart after kill -9'] = Date.now() - t0;
    const m = /✓ containerd \S+ \(pid (\d+), .*; replaced containerd pid (\d+) left by an earlier k8ts/.exec(c.log());
    assert.ok(m, `no replacement reported:\n${c.tail()}`);
    assert.equal(Number(m[2]), containerd!.pid);
    assert.ok(!isAlive(containerd!), 'the orphan is gone');
    containerd = processRef(Number(m[1]))!;
    tracked.push(containerd);
    cri = new CriClient({ endpoint: containerdLayout(join(c.dataDir, 'containerd')).socket, requestTimeoutMs: 10_000 });

    const after = await poll('survivor Running and reported by the new kubelet', 30_000, async () => {
      const p = await pod(c, 'survivor');
      return p?.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.ready ? p : undefined;
    });
    assert.equal(after.status.containerStatuses[0].restartCount, 0, 'the container was not restarted');
    assert.deepEqual((await cri.listPodSandbox({ podUid: uid })).map((s) => s.id), sandboxes, 'the same sandbox');
  });

  test('stop leaves containers running; k8ts reset leaves no process, mount, netns, bridge or route of ours', async (t) => {
    // The survivor of the previous test runs (a new pod would wait for the killed k8ts' scheduler lease to expire).
    await podPhase(c, 'survivor', ['Running']);
    const socket = containerdLayout(join(c.dataDir, 'containerd')).socket;
    const shims = shimPids(socket).map((p) => processRef(p)!).filter(Boolean);
    assert.ok(shims.length > 0, 'a running pod has a shim');
    tracked.push(...shims);
    cri!.close();
    cri = undefined;

    const tStop = Date.now();
    await c.stop();
    timings['stop'] = Date.now() - tStop;
    assert.equal(c.exitCode, 0, `k8ts up exit code after SIGTERM:\n${c.tail()}`);
    assert.ok(!isAlive(containerd!), 'containerd stopped with k8ts');
    assert.ok(shims.some(isAlive), 'containers keep running after a stop, as after a kubelet restart');

    const t0 = Date.now();
    const reset = await c.reset();
    timings['reset'] = Date.now() - t0;
    assert.equal(reset.code, 0, `${reset.stdout}\n${reset.stderr}`);
    assert.match(reset.stdout, /✓ removed \d+ pod\(s\); containerd stopped/);
    assert.match(reset.stdout, /✓ bridge k8ts0 deleted/);
    assert.match(reset.stdout, /✓ iptables nat chains CNI-HOSTPORT-\S+(, CNI-HOSTPORT-\S+)* removed/);
    assert.match(reset.stdout, /✓ route unreachable 10\.244\.0\.0\/16 removed/);
    assert.match(reset.stdout, /✓ route unreachable 10\.96\.0\.0\/12 removed/);
    assert.equal(existsSync(c.dataDir), false, 'the data directory is gone');

    const tGone = Date.now();
    await poll('no process of ours left', 10_000, async () => (tracked.some(isAlive) ? undefined : true));
    timings['processes gone'] = Date.now() - tGone;
    assert.deepEqual(shimPids(socket), []);
    assert.deepEqual(mountsUnder(scratch), []);
    assert.deepEqual(cniNetns().filter((n) => !netnsBefore.has(n)), [], 'no pod network namespace left');
    const links = execFileSync('ip', ['-n', ns!.name, 'link', 'show']).toString();
    assert.doesNotMatch(links, /k8ts0/);
    assert.equal(execFileSync('ip', ['-n', ns!.name, '-4', 'route', 'show', 'type', 'unreachable']).toString().trim(), '');
    const nat = execFileSync('ip', ['netns', 'exec', ns!.name, 'iptables', '-w', '-t', 'nat', '-S']).toString();
    assert.doesNotMatch(nat, /CNI-/, 'no CNI chain or rule left in the nat table');
    assert.ok(await netnsExists(ns!.name), 'only the test deletes its namespace');
    t.diagnostic(`timings (ms): ${JSON.stringify(timings)}`);
  });
});

describe('k8ts up --container-runtime-endpoint: a node on an existing containerd', { skip: skipReason(), timeout: 180_000 }, () => {
  let ns: TestNetns | undefined;
  let scratch: string;
  let external: RunningContainerd | undefined;
  let c: NodeCluster;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'k8ts-e2e-cri-'));
    ns = await createTestNetns('172.30.1.2');
    external = await startContainerd({ dir: join(scratch, 'external-containerd') });
    c = new NodeCluster(ns, scratch, 'e2e-external', ['--container-runtime-endpoint', external.endpoint]);
    await c.start(120_000);
  }, { timeout: 150_000 });

  after(async () => {
    if (c) {
      await c.stop(10_000);
      if (existsSync(c.dataDir)) await c.reset();
    }
    await external?.stop(5_000);
    await ns?.destroy();
    if (scratch && !process.env['K8TS_E2E_KEEP']) rmSync(scratch, { recursive: true, force: true });
  }, { timeout: 60_000 });

  test('the node registers on that runtime; k8ts starts no containerd; reset leaves the runtime running', async () => {
    const log = c.log();
    assert.match(log, new RegExp(`✓ container runtime containerd 1\\.6\\.\\S+ \\(${external!.endpoint.replaceAll('/', '\\/')}\\)`));
    assert.doesNotMatch(log, /✓ containerd /, 'no containerd of its own');
    assert.equal(existsSync(join(c.dataDir, 'containerd', 'config.toml')), false, 'nothing under <data-dir>/containerd');
    const node = await poll('node registered', 30_000, async () => {
      const r = await c.kubectl(['get', 'node', 'e2e-external', '-o', 'json']);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    });
    assert.equal(node.status.nodeInfo.containerRuntimeVersion, `containerd://${external!.version.runtimeVersion}`);
    await c.stop();
    assert.equal(c.exitCode, 0, c.tail());
    const reset = await c.reset();
    assert.equal(reset.code, 0, `${reset.stdout}\n${reset.stderr}`);
    assert.doesNotMatch(reset.stdout, /removed \d+ pod/, 'pods on a runtime that is not ours are not ours to remove');
    assert.match(reset.stdout, /✓ route unreachable 10\.96\.0\.0\/12 removed/);
    const ref = processRef(external!.pid);
    assert.ok(ref && isAlive(ref), 'the existing containerd still runs');
  });
});
