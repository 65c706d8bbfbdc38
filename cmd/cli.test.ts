/**
 * End-to-end tests of the `k8ts` command line: real processes (bin/k8ts.js from source), a real HTTPS listener on
 * 127.0.0.1 with a free port, a temporary HOME and data directory. Only processes started here are signalled.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/k8ts.js', import.meta.url));
let home: string;
const started: ChildProcess[] = [];

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'k8ts-cli-'));
});
after(async () => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await rm(home, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, HOME: home, K8TS_FROM_SOURCE: '1' };
  delete e.KUBECONFIG;
  delete e.K8TS_DATA_DIR;
  return e;
}

interface Proc {
  child: ChildProcess;
  out(): string;
  /** Resolves with stdout once it matches, rejects if the process exits first or the deadline passes. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function k8ts(...args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (re: RegExp, ms = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`timeout waiting for ${re}; stdout:\n${stdout}\nstderr:\n${stderr}`)), ms);
      const check = () => {
        const m = stdout.match(re);
        if (m) {
          clearTimeout(deadline);
          resolve(m);
        }
      };
      child.stdout!.on('data', check);
      check();
      void exited.then(() => setImmediate(() => (check(), reject(new Error(`exited before ${re}; stdout:\n${stdout}\nstderr:\n${stderr}`)))));
    });
  return { child, out: () => stdout + stderr, waitFor, exited };
}

async function run(...args: string[]): Promise<{ code: number | null; out: string }> {
  const p = k8ts(...args);
  const { code } = await p.exited;
  return { code, out: p.out() };
}

function get(port: number, path: string, ca: string, client?: { cert: string; key: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, ca, ...client }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

test('--help prints usage for the program and for up', async () => {
  const top = await run('--help');
  assert.equal(top.code, 0);
  assert.match(top.out, /Usage: k8ts \[options\] \[command\]/);
  assert.match(top.out, /up \[options\]/);
  const up = await run('up', '--help');
  assert.match(up.out, /--data-dir <dir>/);
  assert.match(up.out, /--no-merge-kubeconfig/);
  assert.match(up.out, /--no-node/);
  assert.match(up.out, /--container-runtime-endpoint <url>/);
  assert.match(top.out, /image/);
  const image = await run('image', 'import', '--help');
  assert.equal(image.code, 0);
  assert.match(image.out, /--name <ref>/);
});

test('flag errors say what to do next', async () => {
  const etcd = await run('up', '--data-dir', join(home, 'x'), '--datastore', 'etcd');
  assert.equal(etcd.code, 1);
  assert.match(etcd.out, /--datastore etcd needs --etcd-endpoints/);
  const port = await run('up', '--port', '70000');
  assert.notEqual(port.code, 0);
  assert.match(port.out, /must be a port number/);
});

test('up serves HTTPS with client-cert auth, refuses a second instance, stops on SIGTERM, reuses certs', async () => {
  const dataDir = join(home, 'data');
  const first = k8ts('up', '--no-node', '--data-dir', dataDir, '--port', '0');
  const [, portText] = await first.waitFor(/k8ts is running at https:\/\/127\.0\.0\.1:(\d+)/);
  const port = Number(portText);
  assert.match(first.out(), /✓ certificates .*: generated ca, apiserver, admin/);
  assert.match(first.out(), /context k8ts merged into ~\/\.kube\/config/);
  const ca = await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8');
  const client = { cert: await readFile(join(dataDir, 'pki', 'admin.crt'), 'utf8'), key: await readFile(join(dataDir, 'pki', 'admin.key'), 'utf8') };

  assert.equal((await get(port, '/version', ca)).status, 200);
  assert.equal((await get(port, '/api', ca)).status, 401);
  assert.notEqual((await get(port, '/api', ca, client)).status, 401);
  const kubeconfig = await readFile(join(home, '.kube', 'config'), 'utf8');
  assert.match(kubeconfig, new RegExp(`server: https://127.0.0.1:${port}`));

  const second = await run('up', '--no-node', '--data-dir', dataDir, '--port', '0');
  assert.equal(second.code, 1);
  assert.match(second.out, new RegExp(`k8ts is already running on .* \\(pid ${first.child.pid}\\); stop it with \`k8ts down`));

  first.child.kill('SIGTERM');
  assert.deepEqual(await first.exited, { code: 0, signal: null });
  assert.match(first.out(), /✓ stopped/);
  assert.equal(existsSync(join(dataDir, 'k8ts.pid')), false);

  const again = k8ts('up', '--no-node', '--data-dir', dataDir, '--port', '0', '--no-merge-kubeconfig');
  await again.waitFor(/k8ts is running/);
  assert.match(again.out(), /✓ certificates .*: reused/);
  assert.equal(await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8'), ca);
  const down = await run('down', '--data-dir', dataDir);
  assert.equal(down.code, 0);
  assert.match(down.out, new RegExp(`✓ k8ts \\(pid ${again.child.pid}\\) stopped`));
  assert.equal((await again.exited).code, 0);
  assert.match((await run('down', '--data-dir', dataDir)).out, /not running/);
});

test('up reports a port in use with the next step', async () => {
  const a = k8ts('up', '--no-node', '--data-dir', join(home, 'a'), '--port', '0', '--no-merge-kubeconfig');
  const [, port] = await a.waitFor(/running at https:\/\/127\.0\.0\.1:(\d+)/);
  const b = await run('up', '--no-node', '--data-dir', join(home, 'b'), '--port', port!, '--no-merge-kubeconfig');
  assert.equal(b.code, 1);
  assert.match(b.out, new RegExp(`port ${port} is in use; pass --port or stop the other server \\(k8ts down\\)`));
  a.child.kill('SIGTERM');
  assert.equal((await a.exited).code, 0);
});

test('reset needs --yes, then removes the data directory and the merged context', async () => {
  const dataDir = join(home, 'r');
  const up = k8ts('up', '--no-node', '--data-dir', dataDir, '--port', '0');
  await up.waitFor(/k8ts is running/);
  assert.match((await run('reset', '--data-dir', dataDir, '--yes')).out, /k8ts is running on .*; stop it first/);
  up.child.kill('SIGTERM');
  await up.exited;
  assert.match((await run('reset', '--data-dir', dataDir)).out, /pass --yes to confirm/);
  const reset = await run('reset', '--data-dir', dataDir, '--yes');
  assert.equal(reset.code, 0, reset.out);
  assert.match(reset.out, /removed context k8ts from ~\/\.kube\/config \(backup /);
  assert.equal(existsSync(dataDir), false);
  assert.doesNotMatch(await readFile(join(home, '.kube', 'config'), 'utf8'), /name: k8ts/);
});

test('sim joins hollow nodes to a running cluster; they report Ready', async () => {
  const dataDir = join(home, 'sim-data');
  const up = k8ts('up', '--no-node', '--data-dir', dataDir, '--port', '0', '--no-merge-kubeconfig');
  const [, portText] = await up.waitFor(/k8ts is running at https:\/\/127\.0\.0\.1:(\d+)/);
  const sim = k8ts('sim', '--nodes', '2', '--kubeconfig', join(dataDir, 'kubeconfig'));
  try {
    await sim.waitFor(/✓ 2 hollow node\(s\) registered/);
    const ca = await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8');
    const client = { cert: await readFile(join(dataDir, 'pki', 'admin.crt'), 'utf8'), key: await readFile(join(dataDir, 'pki', 'admin.key'), 'utf8') };
    const nodes = JSON.parse((await get(Number(portText), '/api/v1/nodes', ca, client)).body) as {
      items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[];
    };
    assert.deepEqual(nodes.items.map((n) => n.metadata.name).sort(), ['hollow-node-0', 'hollow-node-1']);
    for (const n of nodes.items) assert.equal(n.status.conditions.find((c) => c.type === 'Ready')?.status, 'True');
  } finally {
    sim.child.kill('SIGTERM');
    assert.equal((await sim.exited).code, 0);
    up.child.kill('SIGTERM');
    assert.equal((await up.exited).code, 0);
  }
});

test('sim without a cluster says how to get one', async () => {
  const r = await run('sim', '--kubeconfig', join(home, 'nope', 'kubeconfig'));
  assert.equal(r.code, 1);
  assert.match(r.out, /does not exist; start a cluster with `k8ts up` or pass --kubeconfig/);
});

test('up as a non-root user without --no-node stops before anything starts and says what to do', { skip: process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv') ? 'needs root and setpriv to run as nobody' : false }, async () => {
  const dataDir = join(tmpdir(), `k8ts-nonroot-${process.pid}`);
  const child = spawn('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'up', '--data-dir', dataDir, '--port', '0', '--no-merge-kubeconfig'], {
    env: { ...env(), HOME: tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1, out);
  assert.match(out, /cannot start the node: .*must run as root .*pass --no-node/);
  assert.doesNotMatch(out, /✓ certificates/, 'nothing started');
  assert.equal(existsSync(dataDir), false, 'no data directory was created');
});
