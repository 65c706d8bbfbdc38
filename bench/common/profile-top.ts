/**
 * The top functions by self time of a V8 .cpuprofile (what `--cpu-prof` writes), as a markdown table.
 * CLI: node --import tsx bench/common/profile-top.ts <file.cpuprofile> [top=20]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A profile URL shortened to the repository-relative path (src/…, node_modules/…) or node's own `node:…`. */
const where = (url: string): string => {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const at = path.search(/\/(src|cmd|bench|node_modules)\//);
  return at >= 0 ? path.slice(at + 1) : path;
};

export function topFunctions(file: string, top = 20): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]!);
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    if (!n) continue;
    const f = n.callFrame;
    // tsx's transpiled modules report line 0 for most functions: show a line only when there is one.
    const key = `${f.functionName || '(anonymous)'} — ${where(f.url)}${f.url && f.lineNumber > 0 ? `:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [`total sampled: ${(total / 1e6).toFixed(1)} s`, '', '| self ms | self % | function — where |', '|---:|---:|---|'];
  for (const [k, us] of rows) lines.push(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} | ${k.replace(/\|/g, '\\|')} |`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: profile-top.ts <file.cpuprofile> [top]\n');
    process.exit(1);
  }
  process.stdout.write(`${topFunctions(file, Number(top ?? 20))}\n`);
}
