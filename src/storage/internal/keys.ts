/**
 * The smallest string greater than every string that starts with `prefix`, or undefined when `prefix` is empty
 * (no upper bound). Keys are compared by code unit, which equals UTF-8 byte order for all keys that do not mix
 * astral characters with U+E000..U+FFFF at the same position; registry keys are ASCII paths.
 */
export function prefixEnd(prefix: string): string | undefined {
  let p = prefix;
  while (p.length > 0) {
    const last = p.charCodeAt(p.length - 1);
    if (last < 0xffff) return p.slice(0, -1) + String.fromCharCode(last + 1);
    p = p.slice(0, -1);
  }
  return undefined;
}

/** The first key a list must look at: `startKey` when it continues a page within the prefix, else the prefix. */
export function rangeStart(prefix: string, startKey: string | undefined): string {
  return startKey !== undefined && startKey > prefix ? startKey : prefix;
}
