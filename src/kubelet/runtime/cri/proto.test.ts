import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import protobuf from 'protobufjs';
import { locateCriProto, loadCriServices, protoCandidates } from './proto.js';

test('api.proto is found beside the module (sources) and under src/ from dist/', () => {
  const src = join(sep, 'pkg', 'src', 'kubelet', 'runtime', 'cri');
  assert.deepEqual(protoCandidates(src), [join(src, 'api.proto')]);
  const dist = join(sep, 'pkg', 'dist', 'src', 'kubelet', 'runtime', 'cri');
  assert.deepEqual(protoCandidates(dist), [join(dist, 'api.proto'), join(src, 'api.proto')]);
  assert.ok(locateCriProto().endsWith(join('cri', 'api.proto')));
});

const methods = {
  RuntimeService: [
    'Version', 'Status', 'RunPodSandbox', 'StopPodSandbox', 'RemovePodSandbox', 'PodSandboxStatus', 'ListPodSandbox',
    'CreateContainer', 'StartContainer', 'StopContainer', 'RemoveContainer', 'ListContainers', 'ContainerStatus',
    'ExecSync', 'Exec', 'Attach', 'PortForward', 'UpdateContainerResources',
  ],
  ImageService: ['ListImages', 'ImageStatus', 'PullImage', 'RemoveImage', 'ImageFsInfo'],
};

for (const [service, names] of Object.entries(methods)) {
  test(`${service} has the kubelet's methods at their published paths`, () => {
    const ctor = loadCriServices()[service as keyof typeof methods];
    for (const name of names) {
      assert.equal(ctor.service[name]?.path, `/runtime.v1.${service}/${name}`);
    }
  });
}

// Field numbers are the wire contract with every CRI runtime: a table of the ones the kubelet depends on most.
const fields: [string, string, number][] = [
  ['PodSandboxConfig', 'metadata', 1], ['PodSandboxConfig', 'log_directory', 3], ['PodSandboxConfig', 'labels', 6],
  ['PodSandboxConfig', 'annotations', 7], ['PodSandboxConfig', 'linux', 8],
  ['LinuxSandboxSecurityContext', 'run_as_group', 8], ['NamespaceOption', 'network', 1],
  ['ContainerConfig', 'envs', 6], ['ContainerConfig', 'log_path', 11], ['ContainerConfig', 'linux', 15],
  ['LinuxContainerSecurityContext', 'run_as_group', 12], ['LinuxContainerSecurityContext', 'no_new_privs', 11],
  ['ContainerStatus', 'exit_code', 7], ['ContainerStatus', 'reason', 10], ['ContainerStatus', 'log_path', 15],
  ['Container', 'created_at', 7], ['PodSandboxStatus', 'network', 5], ['ImageSpec', 'user_specified_image', 18],
  ['ExecSyncRequest', 'timeout', 3], ['ExecSyncResponse', 'exit_code', 3], ['Image', 'size', 4],
  ['LinuxContainerResources', 'memory_swap_limit_in_bytes', 10], ['ListPodSandboxResponse', 'items', 1],
];

const root = new protobuf.Root().loadSync(locateCriProto(), { keepCase: true });
for (const [message, field, id] of fields) {
  test(`runtime.v1.${message}.${field} = ${id}`, () => {
    assert.equal(root.lookupType(`runtime.v1.${message}`).fields[field]?.id, id);
  });
}

test('int64 nanoseconds survive the wire as strings', () => {
  const t = root.lookupType('runtime.v1.ContainerStatus');
  const ns = '1700000000123456789';
  const decoded = t.toObject(t.decode(t.encode(t.fromObject({ created_at: ns })).finish()), { longs: String });
  assert.equal(decoded.created_at, ns);
});
