/**
 * What the fake records and what reactors see, as client-go's testing.Action: one entry per call, in call order.
 */
import type { KubeObject, PatchType } from '../interface.js';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface Action {
  verb: Verb;
  group: string;
  /** Plural resource, e.g. "pods". */
  resource: string;
  namespace: string;
  name?: string;
  subresource?: string;
  /** The body sent (create, update, createSubresource); a copy. */
  object?: KubeObject;
  patchType?: PatchType;
  patch?: unknown;
  /** List/watch/write/delete options as passed. */
  options?: unknown;
}

/**
 * A reactor decides a call instead of the tracker: return `{ result }` to answer with it (an object, a list, an
 * AsyncIterable of events for a watch, or undefined for a delete), throw (e.g. a StatusError) to fail the call, or
 * return undefined to let the next reactor (finally the tracker) handle it.
 */
export type Reactor = (action: Action) => { result: unknown } | undefined;

export interface ReactorEntry {
  verb: Verb | '*';
  resource: string | '*';
  fn: Reactor;
}

export const reactorMatches = (e: ReactorEntry, a: Action): boolean =>
  (e.verb === '*' || e.verb === a.verb) && (e.resource === '*' || e.resource === a.resource || e.resource === `${a.resource}/${a.subresource}`);
