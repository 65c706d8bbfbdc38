/**
 * The two topology values with the fewest matching pods of one constraint (upstream's criticalPaths). paths[0]
 * always holds the global minimum; paths[1] is ≥ it but not necessarily the second minimum. Two suffice because
 * preemption only ever changes counts on one node (one value) of a cloned state: when the minimum's value goes
 * up, the other path still bounds the minimum from above.
 *
 * Worked example: values a=3, b=1, c=2 inserted in that order give [a:3, ∞] → [b:1, a:3] → [b:1, c:2]; removing a
 * pod in c (c=1) gives [b:1, c:1]; adding two in b (b=3) swaps them: [c:1, b:3].
 */
export interface CriticalPath {
  value: string;
  matchNum: number;
}

const NONE = 2 ** 31 - 1;

export class CriticalPaths {
  readonly paths: [CriticalPath, CriticalPath] = [
    { value: '', matchNum: NONE },
    { value: '', matchNum: NONE },
  ];

  /** The minimum matching number; 2^31-1 while no value is known (minDomains ≥ 1 then makes the minimum 0). */
  get min(): number {
    return this.paths[0].matchNum;
  }

  update(value: string, num: number): void {
    const p = this.paths;
    const i = value === p[0].value ? 0 : value === p[1].value ? 1 : undefined;
    if (i !== undefined) {
      p[i].matchNum = num;
      if (p[0].matchNum > p[1].matchNum) this.paths.reverse();
      return;
    }
    if (num < p[0].matchNum) {
      p[1] = p[0];
      p[0] = { value, matchNum: num };
    } else if (num < p[1].matchNum) {
      p[1] = { value, matchNum: num };
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.paths[0] = { ...this.paths[0] };
    c.paths[1] = { ...this.paths[1] };
    return c;
  }
}
