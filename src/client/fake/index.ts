/** The fake Client for unit tests. */
export { FakeClient, refForObject, type FakeClientOptions } from './client.js';
export { ObjectTracker } from './tracker.js';
export type { Action, Reactor, Verb } from './actions.js';
export { mergePatch, applyPatch } from './patch.js';
