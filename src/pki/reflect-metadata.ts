/**
 * @peculiar/x509 2.x resolves its providers through tsyringe, which refuses to load without a Reflect metadata
 * polyfill (`reflect-metadata`, not a dependency of this repository). tsyringe only needs these four functions, so
 * k8ts installs this minimal, WeakMap-backed subset when no polyfill is present. Replace with `reflect-metadata`
 * if a dependency ever needs the full API.
 */
type Target = object;
type Key = unknown;

const store = new WeakMap<Target, Map<string | symbol | undefined, Map<Key, unknown>>>();

function table(target: Target, property: string | symbol | undefined, create: boolean): Map<Key, unknown> | undefined {
  let byProp = store.get(target);
  if (!byProp && create) store.set(target, (byProp = new Map()));
  let t = byProp?.get(property);
  if (!t && create && byProp) byProp.set(property, (t = new Map()));
  return t;
}

function getOwnMetadata(key: Key, target: Target, property?: string | symbol): unknown {
  return table(target, property, false)?.get(key);
}

function getMetadata(key: Key, target: Target, property?: string | symbol): unknown {
  for (let t: Target | null = target; t; t = Object.getPrototypeOf(t) as Target | null) {
    const found = table(t, property, false);
    if (found?.has(key)) return found.get(key);
  }
  return undefined;
}

function defineMetadata(key: Key, value: unknown, target: Target, property?: string | symbol): void {
  table(target, property, true)!.set(key, value);
}

function metadata(key: Key, value: unknown) {
  return (target: Target, property?: string | symbol): void => defineMetadata(key, value, target, property);
}

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') {
  Object.assign(R, { getMetadata, getOwnMetadata, defineMetadata, metadata });
}
