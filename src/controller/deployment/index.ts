export { newDeploymentController, DeploymentController } from './controller.js';
export type { DeploymentControllerOptions } from './types.js';
export { computeHash } from './hash.js';
