export { runWorkers, type RunWorkersOptions, type SyncResult } from './workers.js';
export { ControllerExpectations, UIDTrackingControllerExpectations, EXPECTATIONS_TIMEOUT_MS, type ControlleeExpectations } from './expectations.js';
export { getControllerOf, newControllerRef, adoptPatch, releasePatch, ownerRefsMergePatch, ownerRefsOf, apiVersionOf, type GroupVersionKind } from './controller-ref.js';
export { ControllerRefManager, recheckDeletionTimestamp, type ControllerRefManagerOptions } from './ref-manager.js';
export { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE, type SlowStartResult } from './slow-start.js';
export type { Controller, ControllerContext, ControllerFactory } from './types.js';
export { newControllerQueue, type QueueContext } from './queue.js';
export { runController, type ControllerLoop, type QueueWorkers, type RunContext } from './run.js';
