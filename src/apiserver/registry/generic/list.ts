/**
 * LIST with upstream semantics: resourceVersion "" / "0" / N (NotOlderThan → latest; Exact → that snapshot),
 * limit + continue tokens that pin the first page's snapshot (410 Expired once it is compacted), and
 * selectors applied before the limit is counted (so a page holds up to `limit` matches).
 */
import { newBadRequest, newResourceExpired } from '../../../machinery/errors/status.js';
import { CompactedError } from '../../../storage/errors.js';
import type { KObject } from '../resource.js';
import { decodeObject, listPrefix } from './codec.js';
import { toStatusError } from './errors.js';
import type { GenericRegistry } from './registry.js';

export interface ListParams {
  predicate?: (obj: KObject) => boolean;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListOutcome {
  items: KObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: string;
  start: string;
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function encodeContinue(rv: string, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start } satisfies ContinueToken)).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'string' || typeof t.start !== 'string') throw new Error('bad');
    if (!/^\d+$/.test(t.rv) || t.start.includes('..')) throw new Error('bad');
    return t;
  } catch {
    throw newBadRequest('continue key is not valid: the continue parameter is invalid or malformed');
  }
}

export async function listObjects(reg: GenericRegistry, namespace: string, p: ListParams): Promise<ListOutcome> {
  const prefix = listPrefix(reg.info, namespace);
  let revision = snapshotRevision(p);
  let startKey: string | undefined;
  if (p.continueToken) {
    const t = decodeContinue(p.continueToken);
    revision = t.rv;
    startKey = prefix + t.start;
  }
  const limit = p.limit && p.limit > 0 ? p.limit : 0;
  const items: KObject[] = [];
  for (;;) {
    const page = await readPage(reg, prefix, revision, startKey, limit ? Math.max(limit - items.length, 1) : 0, !!p.continueToken);
    revision = page.revision;
    for (const sv of page.items) {
      const obj = decodeObject(sv);
      if (!p.predicate || p.predicate(obj)) items.push(obj);
    }
    if (!page.nextKey) return { items, resourceVersion: revision };
    if (limit && items.length >= limit) {
      const out: ListOutcome = { items, resourceVersion: revision, continueToken: encodeContinue(revision, page.nextKey.slice(prefix.length)) };
      if (!p.predicate && page.remaining !== undefined) out.remainingItemCount = page.remaining;
      return out;
    }
    startKey = page.nextKey;
  }
}

function snapshotRevision(p: ListParams): string | undefined {
  const rv = p.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  if (!/^\d+$/.test(rv)) throw newBadRequest(`invalid resource version: ${rv}`);
  if (p.resourceVersionMatch === 'Exact') return rv;
  if (p.resourceVersionMatch && p.resourceVersionMatch !== 'NotOlderThan') {
    throw newBadRequest(`resourceVersionMatch: Unsupported value: "${p.resourceVersionMatch}": supported values: "Exact", "NotOlderThan"`);
  }
  return undefined;
}

async function readPage(reg: GenericRegistry, prefix: string, revision: string | undefined, startKey: string | undefined, limit: number, fromContinue: boolean) {
  try {
    return await reg.deps.store.list(prefix, {
      ...(revision ? { revision } : {}),
      ...(startKey ? { startKey } : {}),
      ...(limit ? { limit } : {}),
    });
  } catch (e) {
    if (e instanceof CompactedError && fromContinue) throw newResourceExpired(EXPIRED_CONTINUE);
    throw toStatusError(e, reg.info, '');
  }
}
