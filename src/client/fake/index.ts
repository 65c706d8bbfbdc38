/** The fake Client for unit tests. */
export { FakeClient, refForObject, type FakeClientOptions } from './client.js';
export { ObjectTracker } from './tracker.js';
export type { Action, Reactor, Verb } from './actions.js';
export { mergePatch, applyPatch } from './patch.js';
export { FakeInformer, FakeInformerFactory } from './informers.js';
export { RecordingQueue } from './recording-queue.js';
export { FakeCluster, testContext, type FakeControllerContext, type RecordedEvent } from './cluster.js';
export { withServerDeletion } from './server-semantics.js';
