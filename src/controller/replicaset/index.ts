export { newReplicaSetController, ReplicaSetController } from './controller.js';
export type { ReplicaSetControllerOptions } from './types.js';
export { REPLICA_SET_ADAPTER, REPLICATION_CONTROLLER_ADAPTER } from './adapter.js';
