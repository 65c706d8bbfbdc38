import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHostPathType } from './host-path.js';

let root = '';
let server: Server | undefined;
const p = (name: string) => join(root, name);

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'k8ts-hostpath-'));
  await mkdir(p('dir'));
  await writeFile(p('file'), 'x');
  server = createServer();
  await new Promise<void>((r) => server!.listen(p('sock'), r));
});

after(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await rm(root, { recursive: true, force: true });
});

/** The first block device of /dev, if the sandbox has one. */
async function blockDevice(): Promise<string | undefined> {
  for (const e of await readdir('/dev')) {
    try {
      if (statSync(join('/dev', e)).isBlockDevice()) return join('/dev', e);
    } catch {
      // unreadable entry
    }
  }
  return undefined;
}

// [type, path (relative to the temp root unless absolute), expected error or undefined]
const cases: [string, string, string | undefined][] = [
  ['', 'missing', undefined],
  ['Directory', 'dir', undefined],
  ['Directory', 'file', 'is not a directory'],
  ['Directory', 'missing', 'is not a directory'],
  ['DirectoryOrCreate', 'dir', undefined],
  ['DirectoryOrCreate', 'file', 'is not a directory'],
  ['File', 'file', undefined],
  ['File', 'dir', 'is not a file'],
  ['File', 'missing', 'is not a file'],
  ['FileOrCreate', 'file', undefined],
  ['FileOrCreate', 'dir', 'is not a file'],
  ['Socket', 'sock', undefined],
  ['Socket', 'file', 'is not a socket file'],
  ['CharDevice', '/dev/null', undefined],
  ['CharDevice', 'file', 'is not a character device'],
  ['BlockDevice', 'file', 'is not a block device'],
  ['BlockDevice', '/dev/null', 'is not a block device'],
];

for (const [type, rel, err] of cases) {
  test(`hostPath type ${JSON.stringify(type)} on ${rel}: ${err ?? 'ok'}`, async () => {
    const path = rel.startsWith('/') ? rel : p(rel);
    if (err) await assert.rejects(checkHostPathType(path, type), { message: `hostPath type check failed: ${path} ${err}` });
    else await checkHostPathType(path, type);
  });
}

test('hostPath BlockDevice on a real block device passes', async (t) => {
  const dev = await blockDevice();
  if (!dev) return t.skip('no block device under /dev in this sandbox');
  await checkHostPathType(dev, 'BlockDevice');
});

test('hostPath DirectoryOrCreate creates missing parents and a 0755 directory', async () => {
  const path = p('made/deep/dir');
  await checkHostPathType(path, 'DirectoryOrCreate');
  const st = await stat(path);
  assert.ok(st.isDirectory(), 'a directory was created');
  assert.equal(st.mode & 0o777, 0o755);
});

test('hostPath FileOrCreate creates an empty 0644 file; its parent must exist', async () => {
  const path = p('newfile');
  await checkHostPathType(path, 'FileOrCreate');
  const st = await stat(path);
  assert.ok(st.isFile() && st.size === 0, 'an empty file was created');
  assert.equal(st.mode & 0o777, 0o644);
  await assert.rejects(checkHostPathType(p('no-parent/f'), 'FileOrCreate'), /cannot create file/);
});

test('hostPath with an unknown type is an invalid volume type', async () => {
  await assert.rejects(checkHostPathType(p('dir'), 'Pipe'), { message: 'Pipe is an invalid volume type' });
});
