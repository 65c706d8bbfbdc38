/**
 * `$(VAR)` expansion of container command, args and env values, with upstream's semantics (its forked
 * `expansion` package): `$(NAME)` is replaced by the variable's value when NAME is defined and kept exactly as
 * written when it is not; `$$` is an escaped `$`; a `$` followed by anything else, or an unclosed `$(`, is kept.
 *
 * Example: with A=1 defined, `x$(A)-$$(A)-$(B)-$` expands to `x1-$(A)-$(B)-$`.
 */

/** A lookup of a variable's value; undefined when the variable is not defined. */
export type Lookup = (name: string) => string | undefined;

/** Looks names up in the maps in order: the first map that has the name wins. */
export const lookupIn =
  (...maps: ReadonlyMap<string, string>[]): Lookup =>
  (name) => {
    for (const m of maps) {
      const v = m.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };

export function expand(input: string, lookup: Lookup): string {
  if (!input.includes('$')) return input;
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) {
        // An unclosed reference: keep `$(` and scan on after it.
        out += '$(';
        i += 2;
        continue;
      }
      const name = input.slice(i + 2, close);
      out += lookup(name) ?? `$(${name})`;
      i = close + 1;
    } else {
      out += `$${next}`;
      i += 2;
    }
  }
  return out;
}
