import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeBinaryMissingError, requireBinary, which } from './binaries.js';
import { containerdLayout, renderContainerdConfig } from './config.js';

const layout = containerdLayout('/data/containerd');
const text = renderContainerdConfig(layout, { sandboxImage: 'docker.io/local/pause:latest' });

// Every setting runtime.md requires, as the line that must appear.
const required = [
  'version = 2',
  'root = "/data/containerd/root"',
  'state = "/data/containerd/state"',
  '  address = "/data/containerd/containerd.sock"',
  '  address = "/data/containerd/containerd.sock.ttrpc"',
  '  sandbox_image = "docker.io/local/pause:latest"',
  '  restrict_oom_score_adj = true',
  '  stream_server_address = "127.0.0.1"',
  '  stream_server_port = "0"',
  '  enable_tls_streaming = false',
  '  snapshotter = "overlayfs"',
  '  runtime_type = "io.containerd.runc.v2"',
  '  SystemdCgroup = false',
  '  Root = "/data/containerd/runc"',
  '  bin_dir = "/usr/lib/cni"',
  '  conf_dir = "/data/containerd/cni/net.d"',
  '  max_conf_num = 1',
  '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
];
for (const line of required) {
  test(`config has ${line.trim()}`, () => assert.ok(text.split('\n').includes(line), text));
}

test('registry hosts only when asked; paths are quoted as TOML strings', () => {
  assert.ok(!text.includes('config_path'));
  const withRegistry = renderContainerdConfig(containerdLayout('/d "q"'), {
    sandboxImage: 'docker.io/local/pause:latest',
    registryConfigPath: '/d/certs.d',
  });
  assert.ok(withRegistry.includes('  config_path = "/d/certs.d"'));
  assert.ok(withRegistry.includes('root = "/d \\"q\\"/root"'));
});

test('a missing binary names its Debian package', () => {
  assert.equal(which('containerd', '/nonexistent'), undefined);
  assert.throws(() => requireBinary('containerd', 'containerd', '/nonexistent'), (e: Error) => {
    assert.ok(e instanceof RuntimeBinaryMissingError);
    assert.match(e.message, /install the Debian package "containerd"/);
    return true;
  });
});
