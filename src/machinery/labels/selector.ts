/**
 * A label selector: the AND of its requirements, kept sorted by key as upstream's internalSelector, so that
 * `toString()` is canonical (`app=web,tier in (a,b)`).
 */
import { matchesRequirement, requirementString, type Requirement } from './requirement.js';

export type Labels = Readonly<Record<string, string>>;

export class Selector {
  private constructor(
    readonly requirements: readonly Requirement[],
    private readonly matchesNothing: boolean,
  ) {}

  /** A selector of the given requirements, sorted by key (stable: equal keys keep their order). */
  static of(requirements: readonly Requirement[]): Selector {
    const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return new Selector(sorted, false);
  }

  static readonly EVERYTHING = new Selector([], false);
  static readonly NOTHING = new Selector([], true);

  matches(labels: Labels | undefined): boolean {
    if (this.matchesNothing) return false;
    const ls = labels ?? {};
    return this.requirements.every((r) => matchesRequirement(r, ls));
  }

  /** True for the selector that matches every object (no requirements). */
  isEverything(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  isNothing(): boolean {
    return this.matchesNothing;
  }

  /** Adds requirements, re-sorting; `nothing` stays `nothing`. */
  add(...more: Requirement[]): Selector {
    return this.matchesNothing ? this : Selector.of([...this.requirements, ...more]);
  }

  /** The value `key` must equal when the selector pins it with `=`, `==` or a one-value `in` (for indexes). */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find(
      (q) => q.key === key && (q.operator === '=' || q.operator === '==' || q.operator === 'in') && q.values.length === 1,
    );
    return r?.values[0];
  }

  /** Canonical text; `""` for both everything and nothing, as upstream. */
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

export const everything = (): Selector => Selector.EVERYTHING;
export const nothing = (): Selector => Selector.NOTHING;

/** `k=v` requirements for every entry, without validation (as upstream's SelectorFromSet for trusted maps). */
export function selectorFromSet(set: Labels | undefined): Selector {
  const reqs = Object.entries(set ?? {}).map(([key, v]): Requirement => ({ key, operator: '=', values: [v] }));
  return Selector.of(reqs);
}
