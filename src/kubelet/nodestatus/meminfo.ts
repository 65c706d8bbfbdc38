/** /proc/meminfo, parsed: `<key>: <n> kB` entries in bytes, unit-less counts (HugePages_Total) as they are. */
export function parseMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^(\w+(?:\(\w+\))?):\s+(\d+)(?: kB)?$/gm)) out[m[1]!] = Number(m[2]) * (m[0].endsWith('kB') ? 1024 : 1);
  return out;
}
