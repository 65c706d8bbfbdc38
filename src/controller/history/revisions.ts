/**
 * Controller history (upstream's pkg/controller/history), shared by the StatefulSet and DaemonSet controllers:
 * ControllerRevisions named `<owner>-<hash>` that snapshot an owner's pod template, ordered by `revision`.
 *
 * It lives here because this change may only touch the statefulset and daemon folders; it depends on nothing
 * StatefulSet-specific and belongs in `controller/history/` (one `git mv`).
 *
 * The hash is a 32-bit FNV-1a over the revision's data as JSON with sorted keys, then the collisionCount (when
 * set) as decimal text, printed in decimal and mapped into upstream's vowel-free alphabet: stable across processes,
 * not bit-equal to upstream's.
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1.js';
import type { Client } from '../../client/interface.js';
import { CONTROLLER_REVISIONS } from '../../client/resources.js';
import { isAlreadyExistsStatus } from '../../machinery/errors/status.js';

export type RevisionObject = ControllerRevision;

/** apps.ControllerRevisionHashLabelKey: on revisions and on the pods made from them. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_PREFIX = 223;

export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function fnv1a32(text: string, h = 0x811c9dc5): number {
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

const safeEncode = (s: string): string => [...s].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('');

/** The hash of a revision's data (upstream's HashControllerRevision). */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  let h = fnv1a32(stableJson(data ?? {}));
  if (collisionCount !== undefined) h = fnv1a32(String(collisionCount), h);
  return safeEncode(String(h));
}

/** `<prefix>-<hash>`, the prefix cut so the name stays a valid object name (upstream's ControllerRevisionName). */
export const controllerRevisionName = (prefix: string, hash: string): string =>
  `${prefix.length > MAX_PREFIX ? prefix.slice(0, MAX_PREFIX) : prefix}-${hash}`;

/** Ascending by revision, then by name (upstream's SortControllerRevisions). */
export function sortRevisions<T extends Readonly<RevisionObject>>(revs: readonly T[]): T[] {
  return [...revs].sort((a, b) => a.revision - b.revision || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}

/** One more than the highest revision (1 for none). */
export const nextRevision = (revs: readonly Readonly<RevisionObject>[]): number =>
  revs.reduce((max, r) => Math.max(max, r.revision), 0) + 1;

/** Same data (upstream's EqualRevision; its hash-label shortcut never applies to encoded hashes). */
export function equalRevision(a: Readonly<RevisionObject> | undefined, b: Readonly<RevisionObject> | undefined): boolean {
  if (!a || !b) return a === b;
  return stableJson(a.data) === stableJson(b.data);
}

export const findEqualRevisions = <T extends Readonly<RevisionObject>>(revs: readonly T[], needle: Readonly<RevisionObject>): T[] =>
  revs.filter((r) => equalRevision(r, needle));

/**
 * Creates `rev` (its name and hash label derived from its data and the collision count); when a different
 * revision already holds that name, bumps `collision.count` and tries the next name, as upstream's
 * CreateControllerRevision. An existing equal revision is returned as is.
 */
export async function createControllerRevision(
  client: Client,
  ownerName: string,
  rev: RevisionObject,
  collision: { count: number },
): Promise<RevisionObject> {
  const ns = rev.metadata?.namespace ?? '';
  for (;;) {
    const hash = hashRevisionData(rev.data, collision.count);
    const candidate = structuredClone(rev);
    candidate.metadata = { ...candidate.metadata, name: controllerRevisionName(ownerName, hash) };
    candidate.metadata.labels = { ...candidate.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash };
    try {
      return await client.create<RevisionObject>(CONTROLLER_REVISIONS, ns, candidate);
    } catch (err) {
      if (!isAlreadyExistsStatus(err)) throw err;
      const existing = await client.get<RevisionObject>(CONTROLLER_REVISIONS, ns, candidate.metadata.name ?? '');
      if (equalRevision(existing, candidate)) return existing;
      collision.count++;
    }
  }
}

/** Gives an existing revision a new revision number (a rollback to an earlier template). */
export async function updateRevisionNumber(client: Client, rev: Readonly<RevisionObject>, revision: number): Promise<RevisionObject> {
  if (rev.revision === revision) return rev as RevisionObject;
  const next = { ...structuredClone(rev), revision } as RevisionObject;
  return client.update<RevisionObject>(CONTROLLER_REVISIONS, rev.metadata?.namespace ?? '', next);
}

/**
 * Deletes the oldest revisions beyond `limit`, never one in `live` (by name): upstream's truncateHistory, which
 * keeps the current and update revisions and every revision a pod still runs.
 */
export async function truncateHistory(client: Client, revs: readonly Readonly<RevisionObject>[], live: ReadonlySet<string>, limit: number): Promise<void> {
  const history = sortRevisions(revs).filter((r) => !live.has(r.metadata?.name ?? ''));
  const excess = history.length - limit;
  for (const r of history.slice(0, Math.max(0, excess))) {
    await client.delete(CONTROLLER_REVISIONS, r.metadata?.namespace ?? '', r.metadata?.name ?? '');
  }
}
