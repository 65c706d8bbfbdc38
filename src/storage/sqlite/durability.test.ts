import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './schema.js';
import { openSqliteStore } from './sqlite-store.js';

const writer = fileURLToPath(new URL('./testdata/crash-writer.ts', import.meta.url));

it('every acknowledged write survives kill -9 of the writing process', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
  const path = join(dir, 'state.db');
  const child = spawn(process.execPath, ['--import', 'tsx', writer, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const acked: Array<{ revision: string; key: string }> = [];
    let buffered = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${acked.length} writes acknowledged`)), 30_000);
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      child.stdout!.on('data', (d: Buffer) => {
        const lines = (buffered + d.toString()).split('\n');
        buffered = lines.pop()!;
        for (const l of lines) acked.push({ revision: l.split(' ')[0]!, key: l.split(' ')[1]! });
        if (acked.length >= 2000 && child.exitCode === null) {
          child.kill('SIGKILL');
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await exited;
    const store = openSqliteStore({ path });
    try {
      for (const a of acked) assert.equal((await store.get(a.key))?.revision, a.revision, `${a.key} was acknowledged`);
      assert.ok(Number(await store.currentRevision()) >= Number(acked.at(-1)!.revision));
    } finally {
      await store.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

it('opens files in WAL mode with synchronous=FULL (power-loss durability is not testable here; pin the setting)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
  try {
    const db = openDatabase(join(dir, 'state.db'));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
