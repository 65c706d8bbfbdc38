/**
 * Upstream's helper.DefaultNormalizeScore: scales scores linearly so the highest becomes `maxPriority`
 * (integer division, as upstream), optionally reversed (`maxPriority - score`). All zero: every node gets 0, or
 * `maxPriority` when reversed. E.g. [2, 6, 11] → [18, 54, 100]; reversed → [82, 46, 0].
 */
import type { NodeScore } from '../../framework/interface.js';

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    const v = Math.trunc((maxPriority * s.score) / max);
    s.score = reverse ? maxPriority - v : v;
  }
}
