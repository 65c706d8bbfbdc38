/**
 * The CRI client against a real containerd that k8ts starts itself: fixture images built from the system's static
 * busybox, a hostNetwork pod sandbox (no CNI: nothing leaves the machine), a container that exits 3, ExecSync in a
 * running one, graceful stop, removal, and no process or mount of ours left behind. Needs root and Debian's
 * containerd, runc and busybox-static (.ci/run installs them).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CriClient } from '../../src/kubelet/runtime/cri/client.js';
import { which } from '../../src/kubelet/runtime/containerd/binaries.js';
import { importImageArchive } from '../../src/kubelet/runtime/containerd/images.js';
import { startContainerd, type RunningContainerd } from '../../src/kubelet/runtime/containerd/launcher.js';
import {
  BUSYBOX_IMAGE,
  PAUSE_IMAGE,
  STATIC_BUSYBOX,
  buildTestImages,
} from '../../src/kubelet/runtime/containerd/testing/oci-image.js';
import {
  LABEL_CONTAINER_NAME,
  LABEL_POD_NAME,
  LABEL_POD_NAMESPACE,
  LABEL_POD_UID,
  isRuntimeNotFound,
  type ContainerConfig,
  type ContainerState,
  type ContainerStatus,
  type PodSandboxConfig,
} from '../../src/kubelet/runtime/interface.js';
import {
  descendantsOf,
  isAlive,
  mountsUnder,
  processRef,
  shimsOf,
  unmountAll,
  type ProcessRef,
} from './support/host-processes.js';

function skipReason(): string | false {
  if (process.getuid?.() !== 0) return 'needs root (containerd, runc and overlay mounts)';
  for (const [bin, pkg] of [['containerd', 'containerd'], ['runc', 'runc'], ['ctr', 'containerd']]) {
    if (!which(bin!)) return `${bin} not installed (apt-get install -y ${pkg}; .ci/run does it)`;
  }
  if (!existsSync(STATIC_BUSYBOX)) return `${STATIC_BUSYBOX} missing (apt-get install -y busybox-static)`;
  return false;
}

const UID = '6f1e2d3c-0000-4000-8000-00000000c415';

async function timed<T>(times: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    times[name] = Math.round((performance.now() - t0) * 10) / 10;
  }
}

/** Polls the container's status until `state` (tests poll with a deadline, never sleep for a fixed time). */
async function waitForState(cri: CriClient, id: string, state: ContainerState, ms = 10_000): Promise<ContainerStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const st = await cri.containerStatus(id);
    if (st.state === state) return st;
    if (Date.now() > deadline) assert.fail(`container ${id} is ${st.state}, not ${state}, after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Every assert.ok carries a message: without one, node's assert re-parses the (tsx-transformed) source to describe the
// failing expression, which can spin for minutes.
describe('CRI client on our own containerd', { skip: skipReason(), timeout: 60_000 }, () => {
  let dir: string;
  let containerd: RunningContainerd | undefined;
  let cri: CriClient;
  let sandboxId: string;
  const tracked: ProcessRef[] = [];
  const times: Record<string, number> = {};

  const sandboxConfig = (): PodSandboxConfig => ({
    metadata: { name: 'cri-test', uid: UID, namespace: 'default', attempt: 0 },
    // hostNetwork: no CNI in this slice, and (pitfall 5) no hostname for a host-network sandbox.
    labels: { [LABEL_POD_NAME]: 'cri-test', [LABEL_POD_NAMESPACE]: 'default', [LABEL_POD_UID]: UID },
    annotations: {},
    logDirectory: join(dir, 'pods', `default_cri-test_${UID}`),
    linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
  });

  const containerConfig = (name: string, command: string[]): ContainerConfig => {
    // The kubelet creates the container's log directory (containerd only opens the file).
    mkdirSync(join(sandboxConfig().logDirectory!, name), { recursive: true });
    return {
      metadata: { name, attempt: 0 },
      image: { image: BUSYBOX_IMAGE },
      command,
      args: [],
      envs: [{ key: 'GREETING', value: 'hello' }],
      labels: { [LABEL_POD_UID]: UID, [LABEL_CONTAINER_NAME]: name },
      annotations: {},
      logPath: `${name}/0.log`,
      linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
    };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'k8ts-cri-'));
    const images = join(dir, 'images');
    mkdirSync(images);
    const archives = await timed(times, 'build images', () => buildTestImages(images));
    containerd = await timed(times, 'start containerd', () => startContainerd({ dir: join(dir, 'containerd') }));
    tracked.push(processRef(containerd.pid)!);
    await timed(times, 'import images', async () => {
      await importImageArchive(archives.pause, { socket: containerd!.layout.socket });
      await importImageArchive(archives.busybox, { socket: containerd!.layout.socket });
    });
    cri = new CriClient({ endpoint: containerd.endpoint, requestTimeoutMs: 30_000 });
  });

  after(async () => {
    // Safety net only: the tests remove everything themselves and the last one asserts it.
    try {
      for (const s of (await cri?.listPodSandbox().catch(() => [])) ?? []) {
        await cri.stopPodSandbox(s.id).catch(() => {});
        await cri.removePodSandbox(s.id).catch(() => {});
      }
    } finally {
      cri?.close();
      await containerd?.stop(5_000);
      if (dir) {
        unmountAll(mountsUnder(dir));
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test('Version and Status answer', async () => {
    const v = await cri.version();
    assert.equal(v.runtimeName, 'containerd');
    assert.equal(v.runtimeApiVersion, 'v1');
    assert.equal(containerd!.version.runtimeVersion, v.runtimeVersion);
    const conditions = await cri.status();
    assert.equal(conditions.find((c) => c.type === 'RuntimeReady')?.status, true);
  });

  test('the imported images are known by their fully-qualified names', async () => {
    for (const name of [BUSYBOX_IMAGE, PAUSE_IMAGE]) {
      const img = await cri.imageStatus({ image: name });
      assert.ok(img, `${name} not found`);
      assert.ok(img.repoTags.includes(name), `repoTags ${img.repoTags}`);
      assert.match(img.id, /^sha256:[0-9a-f]{64}$/);
      assert.ok(img.size > 0, `size ${img.size}`);
    }
    assert.equal(await cri.imageStatus({ image: 'docker.io/local/absent:latest' }), undefined);
    // containerd measures usage in the background (0 right after start): check only that it is our own root.
    const fs = await cri.imageFsInfo();
    assert.ok(fs[0]?.mountpoint.startsWith(containerd!.layout.root), JSON.stringify(fs));
  });

  test('a hostNetwork sandbox runs', async () => {
    mkdirSync(sandboxConfig().logDirectory!, { recursive: true });
    sandboxId = await timed(times, 'RunPodSandbox', () => cri.runPodSandbox(sandboxConfig()));
    const st = await cri.podSandboxStatus(sandboxId);
    assert.equal(st.state, 'SANDBOX_READY');
    assert.equal(st.metadata.uid, UID);
    assert.ok(st.createdAt > Date.now() - 60_000 && st.createdAt <= Date.now(), `createdAt ${st.createdAt} in ms`);
    const listed = await cri.listPodSandbox({ podUid: UID, state: 'SANDBOX_READY' });
    assert.deepEqual(listed.map((s) => s.id), [sandboxId]);
    assert.deepEqual(await cri.listPodSandbox({ podUid: 'someone-else' }), []);
  });

  test('a container that exits 3 is EXITED with exit code 3, reason Error, and its log line', async () => {
    const id = await timed(times, 'CreateContainer', () =>
      cri.createContainer(sandboxId, containerConfig('exit', ['sh', '-c', 'echo $GREETING; exit 3']), sandboxConfig()),
    );
    await timed(times, 'StartContainer', () => cri.startContainer(id));
    const st = await waitForState(cri, id, 'CONTAINER_EXITED');
    assert.equal(st.exitCode, 3);
    assert.equal(st.reason, 'Error');
    assert.equal(st.podSandboxId, sandboxId);
    assert.equal(st.metadata.name, 'exit');
    // Not finishedAt >= startedAt: containerd records started_at after the start returns, and a process this short
    // can have exited (finished_at) a few ms before that. The kubelet's status code must not assume the order.
    assert.ok(st.startedAt > 0 && st.finishedAt > 0, `startedAt ${st.startedAt}, finishedAt ${st.finishedAt}`);
    assert.ok(st.logPath?.endsWith('exit/0.log'), `logPath ${st.logPath}`);
    const log = readFileSync(st.logPath!, 'utf8');
    assert.match(log, /^\d{4}-\d\d-\d\dT[^ ]+ stdout F hello$/m);
  });

  test('ExecSync runs in a running container; the container stops gracefully', async () => {
    const id = await cri.createContainer(
      sandboxId,
      containerConfig('sleeper', ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]),
      sandboxConfig(),
    );
    await cri.startContainer(id);
    await waitForState(cri, id, 'CONTAINER_RUNNING');
    const shims = shimsOf(containerd!.layout.socket);
    assert.ok(shims.length > 0, 'no shim found for our containerd');
    tracked.push(...shims, ...descendantsOf(shims.map((s) => s.pid)));

    const r = await timed(times, 'ExecSync echo', () => cri.execSync(id, ['echo', 'x'], 5));
    assert.equal(r.stdout.toString(), 'x\n');
    assert.equal(r.exitCode, 0);
    const failed = await cri.execSync(id, ['sh', '-c', 'echo oops >&2; exit 7'], 5);
    assert.equal(failed.exitCode, 7, 'a non-zero exit is a result, not an error');
    assert.equal(failed.stderr.toString(), 'oops\n');
    await assert.rejects(cri.execSync(id, ['sleep', '5'], 1), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'DeadlineExceeded');
      return true;
    });

    await timed(times, 'StopContainer (graceful)', () => cri.stopContainer(id, 10));
    assert.ok(times['StopContainer (graceful)']! < 5_000, 'SIGTERM ended it well before the grace period');
    const st = await cri.containerStatus(id);
    assert.equal(st.state, 'CONTAINER_EXITED');
    assert.equal(st.exitCode, 0);
  });

  test('unknown ids: status is NotFound, stop and remove resolve', async () => {
    await assert.rejects(cri.containerStatus('0123456789abcdef'), (e) => isRuntimeNotFound(e));
    await assert.rejects(cri.podSandboxStatus('0123456789abcdef'), (e) => isRuntimeNotFound(e));
    await cri.stopContainer('0123456789abcdef', 0);
    await cri.removeContainer('0123456789abcdef');
  });

  test('removing everything and stopping containerd leaves no process and no mount behind', async (t) => {
    for (const c of await cri.listContainers({ podSandboxId: sandboxId })) await cri.removeContainer(c.id);
    await timed(times, 'StopPodSandbox', () => cri.stopPodSandbox(sandboxId));
    await timed(times, 'RemovePodSandbox', () => cri.removePodSandbox(sandboxId));
    assert.deepEqual(await cri.listContainers(), []);
    assert.deepEqual(await cri.listPodSandbox(), []);
    cri.close();
    await timed(times, 'stop containerd', () => containerd!.stop(10_000));
    const deadline = Date.now() + 5_000;
    while (tracked.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(tracked.filter(isAlive).map((p) => `${p.pid} ${p.cmdline}`), []);
    assert.deepEqual(shimsOf(containerd!.layout.socket), []);
    assert.deepEqual(mountsUnder(dir), []);
    t.diagnostic(`tracked ${tracked.length} processes; timings (ms): ${JSON.stringify(times)}`);
  });
});

describe('a containerd orphaned on our directory (k8ts killed with -9)', { skip: skipReason(), timeout: 60_000 }, () => {
  test('is found by its pid file and replaced by the next start; stop removes the pid file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8ts-orphan-'));
    let first: RunningContainerd | undefined;
    let second: RunningContainerd | undefined;
    try {
      first = await startContainerd({ dir: join(dir, 'containerd') });
      const orphan = processRef(first.pid)!;
      // Not stopped: as if the k8ts that started it died.
      second = await startContainerd({ dir: join(dir, 'containerd') });
      assert.equal(second.replacedOrphan, first.pid);
      assert.ok(!isAlive(orphan), 'the orphan was stopped');
      assert.equal(readFileSync(second.layout.pidFile, 'utf8').trim(), String(second.pid));
      const cri = new CriClient({ endpoint: second.endpoint });
      try {
        assert.equal((await cri.version()).runtimeName, 'containerd');
      } finally {
        cri.close();
      }
      await second.stop(5_000);
      assert.equal(existsSync(second.layout.pidFile), false, 'a clean stop removes the pid file');
      const third = await startContainerd({ dir: join(dir, 'containerd') });
      assert.equal(third.replacedOrphan, undefined, 'nothing to replace after a clean stop');
      second = third;
    } finally {
      await second?.stop(5_000);
      await first?.stop(5_000); // only if the replacement failed: it is our own child
      unmountAll(mountsUnder(dir));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
