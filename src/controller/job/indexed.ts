/**
 * Completion indexes of Indexed jobs: the `completedIndexes` text ("1,3-5,7": three or more consecutive numbers
 * become a range) and the indexes still to run.
 */

/** Parses "1,3-5,7" into sorted unique indexes below `completions`; malformed parts are skipped. */
export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    for (let i = first; i <= last && i < completions; i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Formats sorted unique indexes: [1,3,4,5,7] → "1,3-5,7"; [1,2] → "1,2". */
export function formatIndexes(indexes: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${indexes[i]}-${indexes[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(indexes[k]));
    i = j + 1;
  }
  return parts.join(',');
}

/** The lowest `count` indexes below `completions` that are neither completed nor running. */
export function indexesToCreate(completions: number, completed: ReadonlySet<number>, running: ReadonlySet<number>, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) {
    if (!completed.has(i) && !running.has(i)) out.push(i);
  }
  return out;
}
