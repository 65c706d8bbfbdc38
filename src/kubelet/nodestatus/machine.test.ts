import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { prettyName, realNodeFacts } from './machine.js';
import { parseMeminfo } from './meminfo.js';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-machine-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

test('parseMeminfo: kB entries in bytes, counts as they are', () => {
  const m = parseMeminfo('MemTotal:        8141900 kB\nMemAvailable:    4000000 kB\nHugePages_Total:       0\nActive(anon):   10 kB\n');
  assert.deepEqual(m, { MemTotal: 8141900 * 1024, MemAvailable: 4000000 * 1024, HugePages_Total: 0, 'Active(anon)': 10240 });
});

test('realNodeFacts: capacity, allocatable and node info from the machine files', () => {
  const facts = realNodeFacts({
    rootDir: dir,
    paths: {
      meminfo: file('meminfo', 'MemTotal:        8141900 kB\nMemFree: 1 kB\n'),
      machineID: file('machine-id', '0123456789abcdef0123456789abcdef\n'),
      bootID: file('boot_id', 'b0071d00-0000-4000-8000-000000000001\n'),
      osRelease: file('os-release', 'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'),
      productUUID: join(dir, 'absent'),
    },
  });
  const cap = facts.capacity!;
  assert.equal(cap['cpu'], String(availableParallelism()));
  assert.equal(cap['memory'], '8141900Ki');
  assert.equal(cap['pods'], '110');
  assert.match(cap['ephemeral-storage']!, /^[1-9]\d*Ki$/);
  assert.deepEqual([cap['hugepages-1Gi'], cap['hugepages-2Mi']], ['0', '0']);
  assert.equal(facts.allocatable!['memory'], '8039500Ki', 'memory − the 100Mi hard eviction threshold');
  assert.equal(facts.allocatable!['cpu'], cap['cpu']);
  assert.notEqual(facts.allocatable!['ephemeral-storage'], cap['ephemeral-storage'], 'ephemeral-storage − 10 %');
  assert.equal(facts.machineID, '0123456789abcdef0123456789abcdef');
  assert.equal(facts.systemUUID, '01234567-89ab-cdef-0123-456789abcdef', 'no DMI: the machine id as a uuid');
  assert.equal(facts.bootID, 'b0071d00-0000-4000-8000-000000000001');
  assert.equal(facts.osImage, 'Debian GNU/Linux 12 (bookworm)');
  assert.ok(facts.kernelVersion && facts.architecture, 'kernel and architecture set');
});

test('realNodeFacts: unreadable memory is an error, not a zero capacity', () => {
  assert.throws(() => realNodeFacts({ rootDir: dir, paths: { meminfo: join(dir, 'absent') } }), /cannot read MemTotal/);
});

test('PRETTY_NAME of os-release, quoted or not', () => {
  assert.equal(prettyName('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(prettyName('PRETTY_NAME=Alpine\n'), 'Alpine');
  assert.equal(prettyName('NAME=x\n'), undefined);
});

test('realNodeFacts on this machine: real quantities', () => {
  const cfg = realNodeFacts({ rootDir: tmpdir() });
  assert.match(cfg.capacity!['cpu']!, /^[1-9]\d*$/);
  assert.match(cfg.capacity!['memory']!, /^[1-9]\d*Ki$/);
  assert.match(cfg.capacity!['ephemeral-storage']!, /^[1-9]\d*Ki$/);
  assert.equal(cfg.capacity!['pods'], '110');
  assert.ok(cfg.kernelVersion && cfg.kernelVersion.length > 0, 'kernel version');
});
