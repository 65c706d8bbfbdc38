import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CliError } from './errors.js';
import { imageCommand, runImageImport } from './image.js';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-image-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('image import --help names the archive argument, --name and the preload folder', () => {
  const help = imageCommand().commands.find((c) => c.name() === 'import')!.helpInformation();
  assert.match(help, /import \[options\] <archive\.\.\.>/);
  assert.match(help, /--name <ref>/);
  assert.match(help, /--data-dir <dir>/);
  const full = imageCommand().commands.find((c) => c.name() === 'import')!;
  let after = '';
  full.configureOutput({ writeOut: (s) => (after += s) }).outputHelp();
  assert.match(after, /<data-dir>\/images are imported at every `k8ts up`/);
});

const refusals: Array<[string, string[], { name?: string }, RegExp]> = [
  ['k8ts not running', ['/x.tar'], {}, /k8ts is not running on .*; start it with `k8ts up` \(or put the archive in .*images for the next start\)/],
  ['a short --name', ['/x.tar'], { name: 'app:v1' }, /--name app:v1 is not fully qualified; give the registry too, e\.g\. docker\.io\/local\/app:v1/],
  ['--name with two archives', ['/a.tar', '/b.tar'], { name: 'docker.io/local/app:v1' }, /import one archive at a time/],
];
for (const [name, archives, flags, want] of refusals) {
  test(`image import refuses: ${name}`, async () => {
    await assert.rejects(runImageImport(archives, { dataDir: join(dir, 'data'), ...flags }), (e: Error) => {
      assert.ok(e instanceof CliError, `a CliError, got ${e.name}`);
      assert.match(e.message, want);
      return true;
    });
  });
}
