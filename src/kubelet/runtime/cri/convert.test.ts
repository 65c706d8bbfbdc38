import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LABEL_POD_UID } from '../interface.js';
import {
  containerConfigToWire,
  containerFilterToWire,
  containerStatusFromWire,
  nsToMs,
  sandboxConfigToWire,
  sandboxFilterToWire,
  sandboxStatusFromWire,
} from './convert.js';

const nsCases: [string | undefined, number][] = [
  [undefined, 0],
  ['', 0],
  ['0', 0],
  ['999999', 0],
  ['1000000', 1],
  // Beyond 2^53: the string keeps every digit until the division.
  ['1700000000123456789', 1700000000123],
];
for (const [ns, ms] of nsCases) {
  test(`nsToMs(${JSON.stringify(ns)}) = ${ms}`, () => assert.equal(nsToMs(ns), ms));
}

test('a hostNetwork sandbox config goes out as NODE network, with its log directory', () => {
  const w = sandboxConfigToWire({
    metadata: { name: 'p', uid: 'u', namespace: 'ns', attempt: 1 },
    labels: { a: 'b' },
    annotations: {},
    logDirectory: '/var/log/pods/ns_p_u',
    linux: { securityContext: { namespaceOptions: { network: 'NODE' }, runAsUser: 1000 } },
  });
  assert.equal(w.log_directory, '/var/log/pods/ns_p_u');
  assert.equal(w.hostname, undefined);
  assert.equal(w.linux?.security_context?.namespace_options?.network, 'NODE');
  assert.deepEqual(w.linux?.security_context?.run_as_user, { value: '1000' });
});

test('container config: envs, mounts, log path and resources (int64 as strings)', () => {
  const w = containerConfigToWire({
    metadata: { name: 'c', attempt: 2 },
    image: { image: 'docker.io/local/busybox:latest' },
    command: ['sh'],
    args: ['-c', 'true'],
    envs: [{ key: 'A', value: '1' }],
    labels: {},
    annotations: {},
    mounts: [{ containerPath: '/data', hostPath: '/srv/data', readonly: true }],
    logPath: 'c/2.log',
    linux: { resources: { memoryLimitInBytes: 64 * 1024 * 1024, cpuShares: 512 } },
  });
  assert.deepEqual(w.envs, [{ key: 'A', value: '1' }]);
  assert.deepEqual(w.mounts, [
    { container_path: '/data', host_path: '/srv/data', readonly: true, propagation: 'PROPAGATION_PRIVATE' },
  ]);
  assert.equal(w.log_path, 'c/2.log');
  assert.equal(w.linux?.resources?.memory_limit_in_bytes, '67108864');
  assert.equal(w.linux?.resources?.cpu_shares, '512');
  assert.equal(w.linux?.resources?.cpu_quota, undefined);
});

test('filters: podUid is the io.kubernetes.pod.uid label selector; state is wrapped', () => {
  assert.deepEqual(sandboxFilterToWire({ podUid: 'u', state: 'SANDBOX_READY' }), {
    id: '',
    state: { state: 'SANDBOX_READY' },
    label_selector: { [LABEL_POD_UID]: 'u' },
  });
  assert.deepEqual(containerFilterToWire({}), { id: '', state: null, pod_sandbox_id: '', label_selector: {} });
});

test('statuses from the wire: ms timestamps, null sub-messages tolerated', () => {
  const s = sandboxStatusFromWire({
    id: 's',
    metadata: null,
    state: 'SANDBOX_NOTREADY',
    created_at: '1700000000000000000',
    labels: {},
    annotations: {},
    network: { ip: '10.244.0.5', additional_ips: [{ ip: 'fd00::5' }] },
  });
  assert.equal(s.createdAt, 1_700_000_000_000);
  assert.deepEqual(s.network, { ip: '10.244.0.5', additionalIps: ['fd00::5'] });
  assert.equal(s.metadata.name, '');
  const c = containerStatusFromWire(
    {
      id: 'c',
      metadata: { name: 'app', attempt: 0 },
      state: 'CONTAINER_EXITED',
      created_at: '1000000',
      started_at: '2000000',
      finished_at: '3000000',
      exit_code: 137,
      image: { image: 'x' },
      image_ref: 'sha256:abc',
      reason: 'OOMKilled',
      message: '',
      labels: {},
      annotations: {},
      log_path: '',
    },
    's',
  );
  assert.deepEqual([c.createdAt, c.startedAt, c.finishedAt, c.exitCode, c.reason], [1, 2, 3, 137, 'OOMKilled']);
  assert.equal(c.podSandboxId, 's');
  assert.equal(c.logPath, undefined);
});
