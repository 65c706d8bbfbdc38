/** Every controller the manager can run, by its upstream name (one line each). */
import type { ControllerFactory } from './framework/types.js';
import { newDeploymentController } from './deployment/index.js';
import { newReplicaSetController } from './replicaset/index.js';
import { newGarbageCollector } from './garbagecollector/controller.js';
import { newNamespaceController } from './namespace/controller.js';
import { newServiceAccountController } from './serviceaccount/controller.js';
import { newEndpointsController } from './endpoint/controller.js';
import { newEndpointSliceController } from './endpointslice/controller.js';
import { newJobController } from './job/controller.js';
import { newCronJobController } from './cronjob/controller.js';
import { newTTLAfterFinishedController } from './ttlafterfinished/controller.js';
import { newStatefulSetController } from './statefulset/index.js';
import { newDaemonSetController } from './daemon/index.js';
import { newNodeLifecycleController } from './nodelifecycle/controller.js';
import { newPodGCController } from './podgc/controller.js';
import { newResourceQuotaController } from './resourcequota/controller.js';
import { newDisruptionController } from './disruption/controller.js';

export const CONTROLLERS: Readonly<Record<string, ControllerFactory>> = {
  deployment: (ctx) => newDeploymentController(ctx),
  replicaset: (ctx) => newReplicaSetController(ctx),
  garbagecollector: (ctx) => newGarbageCollector(ctx),
  namespace: (ctx) => newNamespaceController(ctx),
  serviceaccount: (ctx) => newServiceAccountController(ctx),
  endpoints: (ctx) => newEndpointsController(ctx),
  endpointslice: (ctx) => newEndpointSliceController(ctx),
  job: (ctx) => newJobController(ctx),
  cronjob: (ctx) => newCronJobController(ctx),
  'ttl-after-finished': (ctx) => newTTLAfterFinishedController(ctx),
  statefulset: (ctx) => newStatefulSetController(ctx),
  daemonset: (ctx) => newDaemonSetController(ctx),
  nodelifecycle: (ctx) => newNodeLifecycleController(ctx),
  podgc: (ctx) => newPodGCController(ctx),
  resourcequota: (ctx) => newResourceQuotaController(ctx),
  disruption: (ctx) => newDisruptionController(ctx),
  replicationcontroller: (ctx) => newReplicaSetController(ctx, { kind: 'ReplicationController' }),
};
