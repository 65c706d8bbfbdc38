import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodePreflight } from './preflight.js';

test('not root: says to run as root or pass --no-node', () => {
  const [p] = nodePreflight({ uid: 1000, ownRuntime: true });
  assert.match(p ?? '', /must run as root .* pass --no-node/);
});

test('missing binaries and CNI plugins name their Debian packages and the alternatives', () => {
  const empty = mkdtempSync(join(tmpdir(), 'k8ts-pre-'));
  try {
    const [p] = nodePreflight({ uid: 0, ownRuntime: true, path: empty, cniBinDir: empty });
    assert.match(p ?? '', /apt-get install -y containerd runc iproute2 iptables containernetworking-plugins/);
    assert.match(p ?? '', /--container-runtime-endpoint/);
    const [ext] = nodePreflight({ uid: 0, ownRuntime: false, path: empty, cniBinDir: empty });
    assert.match(ext ?? '', /missing iproute2, iptables:/, 'an existing CRI needs only the network tools');
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
