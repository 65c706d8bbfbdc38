/**
 * What running a real node changes on the host's network, recorded so `k8ts reset` undoes exactly that:
 * - `unreachable` routes for the cluster CIDRs that were absent (routes.ts);
 * - net.ipv4.ip_forward, which the CNI bridge plugin turns on host-wide (its value before the first start);
 * - whether the portmap plugin's CNI-HOSTPORT-* nat chains existed before (if so, someone else owns them);
 * - the CNI bridge, which is always ours (its name is k8ts' own).
 * The record is a JSON file in the data directory; prepare merges into it (first-start facts win), so a restart
 * never mistakes our own leftovers for the host's state. All of this applies to the network namespace k8ts runs in.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand, type CommandRunner } from './exec.js';
import { chainsWithPrefix, removeChainsWithPrefix } from './iptables-chains.js';
import { deleteUnreachableRoute, ensureUnreachableRoute } from './routes.js';

export const HOSTPORT_CHAIN_PREFIX = 'CNI-HOSTPORT-';

export interface HostNetworkRecord {
  bridge: string;
  /** Routes this node added; reset removes these and no others. */
  addedRoutes: string[];
  /** net.ipv4.ip_forward ('0' or '1') before the first start. */
  ipForwardBefore: string;
  /** CNI-HOSTPORT-* chains existed before the first start: then reset leaves them. */
  hostportChainsBefore: boolean;
}

export interface HostNetworkOptions {
  /** The record's file (`<data-dir>/node/host-network.json`). */
  stateFile: string;
  run?: CommandRunner;
  /** /proc/sys (tests point it at a directory of their own). */
  procSys?: string;
}

const ipForwardPath = (procSys = '/proc/sys') => join(procSys, 'net', 'ipv4', 'ip_forward');

export function readRecord(stateFile: string): HostNetworkRecord | undefined {
  if (!existsSync(stateFile)) return undefined;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as HostNetworkRecord;
}

function writeRecord(stateFile: string, r: HostNetworkRecord): void {
  mkdirSync(dirname(stateFile), { recursive: true, mode: 0o700 });
  writeFileSync(stateFile, JSON.stringify(r, null, 2) + '\n');
}

/** Records the host's state (first start only), then adds the missing unreachable routes; returns those added now. */
export async function prepareHostNetwork(o: HostNetworkOptions & { bridge: string; unreachable: string[] }): Promise<string[]> {
  const run = o.run ?? runCommand;
  const record: HostNetworkRecord = readRecord(o.stateFile) ?? {
    bridge: o.bridge,
    addedRoutes: [],
    ipForwardBefore: readFileSync(ipForwardPath(o.procSys), 'utf8').trim(),
    hostportChainsBefore: (await chainsWithPrefix(run, 'nat', HOSTPORT_CHAIN_PREFIX)).length > 0,
  };
  // Written before any change: a crash half-way still leaves a record of the host as it was.
  writeRecord(o.stateFile, record);
  const added: string[] = [];
  for (const cidr of o.unreachable) {
    if (await ensureUnreachableRoute(run, cidr)) {
      added.push(cidr);
      if (!record.addedRoutes.includes(cidr)) record.addedRoutes.push(cidr);
      writeRecord(o.stateFile, record);
    }
  }
  return added;
}

/** Undoes what the record says k8ts changed; returns one line per change undone. Removes the record. */
export async function restoreHostNetwork(o: HostNetworkOptions): Promise<string[]> {
  const run = o.run ?? runCommand;
  const record = readRecord(o.stateFile);
  if (!record) return [];
  const done: string[] = [];
  if ((await run('ip', ['link', 'show', record.bridge])).code === 0) {
    const r = await run('ip', ['link', 'del', record.bridge]);
    if (r.code !== 0) throw new Error(`ip link del ${record.bridge} failed: ${r.stderr.trim()}`);
    done.push(`bridge ${record.bridge} deleted`);
  }
  if (!record.hostportChainsBefore) {
    const chains = await removeChainsWithPrefix(run, 'nat', HOSTPORT_CHAIN_PREFIX);
    if (chains.length) done.push(`iptables nat chains ${chains.join(', ')} removed`);
  }
  for (const cidr of record.addedRoutes) if (await deleteUnreachableRoute(run, cidr)) done.push(`route unreachable ${cidr} removed`);
  const path = ipForwardPath(o.procSys);
  if (record.ipForwardBefore === '0' && readFileSync(path, 'utf8').trim() !== '0') {
    writeFileSync(path, '0\n');
    done.push('net.ipv4.ip_forward restored to 0');
  }
  rmSync(o.stateFile, { force: true });
  return done;
}
