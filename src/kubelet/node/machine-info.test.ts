import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { machineNodeConfig, prettyName } from './machine-info.js';

test('PRETTY_NAME of os-release, quoted or not', () => {
  assert.equal(prettyName('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(prettyName('PRETTY_NAME=Alpine\n'), 'Alpine');
  assert.equal(prettyName('NAME=x\n'), undefined);
});

test('the machine facts are real quantities', () => {
  const cfg = machineNodeConfig(tmpdir());
  assert.match(cfg.capacity!['cpu']!, /^[1-9]\d*$/);
  assert.match(cfg.capacity!['memory']!, /^[1-9]\d*Ki$/);
  assert.match(cfg.capacity!['ephemeral-storage']!, /^[1-9]\d*Ki$/);
  assert.equal(cfg.capacity!['pods'], '110');
  assert.ok(cfg.kernelVersion && cfg.kernelVersion.length > 0, 'kernel version');
});
