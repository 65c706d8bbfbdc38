export { newStatefulSetController, StatefulSetController, type StatefulSetControllerContext } from './controller.js';
export type { StatefulSetControllerOptions } from './types.js';
