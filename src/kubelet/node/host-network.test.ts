import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { CommandResult, CommandRunner } from './exec.js';
import { prepareHostNetwork, readRecord, restoreHostNetwork } from './host-network.js';
import { planChainRemoval, splitRuleLine } from './iptables-chains.js';
import { parseUnreachableRoutes } from './routes.js';

/** A fake host: a route table, a nat table listing, links; records every command. */
class FakeHost {
  routes = new Set<string>();
  links = new Set<string>();
  nat = ['-P PREROUTING ACCEPT', '-N DOCKER', '-A PREROUTING -j DOCKER'];
  calls: string[] = [];
  run: CommandRunner = async (bin, args) => {
    this.calls.push(`${bin} ${args.join(' ')}`);
    const ok = (stdout = ''): CommandResult => ({ code: 0, stdout, stderr: '' });
    const a = args.join(' ');
    if (a === '-4 route show type unreachable') return ok([...this.routes].map((r) => `unreachable ${r} metric 1024\n`).join(''));
    if (a.startsWith('-4 route add unreachable ')) return this.routes.add(args[4]!), ok();
    if (a.startsWith('-4 route del unreachable ')) return this.routes.delete(args[4]!), ok();
    if (a.startsWith('link show ')) return this.links.has(args[2]!) ? ok() : { code: 1, stdout: '', stderr: 'does not exist' };
    if (a.startsWith('link del ')) return this.links.delete(args[2]!), ok();
    if (bin === 'iptables' && a === '-w -t nat -S') return ok(this.nat.join('\n') + '\n');
    if (bin === 'iptables') {
      const [, , , op, ...rest] = args;
      if (op === '-F') this.nat = this.nat.filter((l) => !l.startsWith(`-A ${rest[0]} `));
      if (op === '-D') this.nat = this.nat.filter((l) => splitRuleLine(l).slice(1).join(' ') !== rest.join(' '));
      if (op === '-X') this.nat = this.nat.filter((l) => l !== `-N ${rest[0]}`);
      return ok();
    }
    throw new Error(`unexpected command ${bin} ${a}`);
  };
}

let dir: string;
let procSys: string;
let stateFile: string;
const forward = () => join(procSys, 'net', 'ipv4', 'ip_forward');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-hostnet-'));
  procSys = join(dir, 'proc-sys');
  mkdirSync(join(procSys, 'net', 'ipv4'), { recursive: true });
  writeFileSync(forward(), '0\n');
  stateFile = join(dir, 'data', 'node', 'host-network.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CIDRS = ['10.244.0.0/16', '10.96.0.0/12'];

test('prepare adds only the missing routes and records the host as it was', async () => {
  const host = new FakeHost();
  host.routes.add('10.96.0.0/12');
  const added = await prepareHostNetwork({ stateFile, bridge: 'k8ts0', unreachable: CIDRS, run: host.run, procSys });
  assert.deepEqual(added, ['10.244.0.0/16']);
  assert.deepEqual(readRecord(stateFile), { bridge: 'k8ts0', addedRoutes: ['10.244.0.0/16'], ipForwardBefore: '0', hostportChainsBefore: false });
});

test('a restart keeps the first start facts (our own leftovers are not the host state)', async () => {
  const host = new FakeHost();
  await prepareHostNetwork({ stateFile, bridge: 'k8ts0', unreachable: CIDRS, run: host.run, procSys });
  writeFileSync(forward(), '1\n');
  host.nat.push('-N CNI-HOSTPORT-DNAT');
  const again = await prepareHostNetwork({ stateFile, bridge: 'k8ts0', unreachable: CIDRS, run: host.run, procSys });
  assert.deepEqual(again, [], 'routes already there');
  const r = readRecord(stateFile)!;
  assert.equal(r.ipForwardBefore, '0');
  assert.equal(r.hostportChainsBefore, false);
  assert.deepEqual(r.addedRoutes.sort(), [...CIDRS].sort());
});

test('restore undoes exactly what was recorded: bridge, our chains and jumps, our routes, ip_forward', async () => {
  const host = new FakeHost();
  host.routes.add('10.96.0.0/12'); // the host's own: must stay
  await prepareHostNetwork({ stateFile, bridge: 'k8ts0', unreachable: CIDRS, run: host.run, procSys });
  // What the CNI plugins did meanwhile.
  host.links.add('k8ts0');
  writeFileSync(forward(), '1\n');
  host.nat.push(
    '-N CNI-HOSTPORT-DNAT',
    '-N CNI-HOSTPORT-MASQ',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
    '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
    '-A CNI-HOSTPORT-MASQ -j MASQUERADE',
  );
  const done = await restoreHostNetwork({ stateFile, run: host.run, procSys });
  assert.deepEqual(done, [
    'bridge k8ts0 deleted',
    'iptables nat chains CNI-HOSTPORT-DNAT, CNI-HOSTPORT-MASQ removed',
    'route unreachable 10.244.0.0/16 removed',
    'net.ipv4.ip_forward restored to 0',
  ]);
  assert.deepEqual([...host.routes], ['10.96.0.0/12']);
  assert.deepEqual(host.nat, ['-P PREROUTING ACCEPT', '-N DOCKER', '-A PREROUTING -j DOCKER']);
  assert.equal(readFileSync(forward(), 'utf8').trim(), '0');
  assert.equal(readRecord(stateFile), undefined, 'the record is gone');
  assert.deepEqual(await restoreHostNetwork({ stateFile, run: host.run, procSys }), [], 'a second restore does nothing');
});

test('chains that existed before and ip_forward that was on are left alone', async () => {
  const host = new FakeHost();
  host.nat.push('-N CNI-HOSTPORT-DNAT');
  writeFileSync(forward(), '1\n');
  await prepareHostNetwork({ stateFile, bridge: 'k8ts0', unreachable: [], run: host.run, procSys });
  assert.deepEqual(await restoreHostNetwork({ stateFile, run: host.run, procSys }), []);
  assert.ok(host.nat.includes('-N CNI-HOSTPORT-DNAT'), 'the host chain stays');
  assert.equal(readFileSync(forward(), 'utf8').trim(), '1');
});

test('parsers: unreachable routes, quoted rule arguments, removal plan', () => {
  assert.deepEqual(parseUnreachableRoutes('unreachable 10.96.0.0/12 metric 1024\nunreachable 10.244.0.0/16\n'), ['10.96.0.0/12', '10.244.0.0/16']);
  assert.deepEqual(splitRuleLine('-A POSTROUTING -m comment --comment "a \\"b\\" c" -j X'), ['-A', 'POSTROUTING', '-m', 'comment', '--comment', 'a "b" c', '-j', 'X']);
  const plan = planChainRemoval('-N CNI-HOSTPORT-DNAT\n-A OUTPUT -j CNI-HOSTPORT-DNAT\n-A CNI-HOSTPORT-DNAT -j CNI-DN-1\n', 'CNI-HOSTPORT-');
  assert.deepEqual(plan, { deleteRules: [['-D', 'OUTPUT', '-j', 'CNI-HOSTPORT-DNAT']], chains: ['CNI-HOSTPORT-DNAT'] });
});
