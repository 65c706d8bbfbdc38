export { newDaemonSetController, DaemonSetController, type DaemonSetControllerContext } from './controller.js';
export type { DaemonSetControllerOptions } from './types.js';
