/** JSON values as the diff sees them: `undefined` and `null` members are absent; key order does not count. */
export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A member that is not there for the purpose of a patch (JSON has no undefined; `null` would mean "delete"). */
export const isAbsent = (v: unknown): boolean => v === undefined || v === null;

/** The identity of a list element or merge-key value, as a string. */
export const keyString = (v: unknown): string => JSON.stringify(v) ?? 'undefined';

/** Deep equality of JSON values; object members that are undefined do not count, key order does not count. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** A copy without undefined members (what JSON would carry). */
export function jsonClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Sets `obj[key]` as an own data member, even for `__proto__`. */
export function setKey(obj: Obj, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `obj[key]` when it is an own member. */
export const getKey = (obj: Obj, key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined);
