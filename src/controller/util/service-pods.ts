/**
 * The wiring the endpoints and endpointslice controllers share. Keys are services (`namespace/name`): a service
 * event queues the service; a pod event queues every selector service of the pod's namespace whose selector
 * matches the pod's new or old labels (upstream's GetPodServiceMemberships).
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { PODS, SERVICES } from '../../client/resources.js';
import { selectorFromSet } from '../../machinery/labels/index.js';
import type { ControllerContext } from '../framework/index.js';
import { hasSelector, type PodObject, type ServiceObject } from './endpoints.js';

export interface ServicePodInformers {
  services: Informer<ServiceObject>;
  pods: Informer<PodObject>;
}

export function queueServicesAndTheirPods(ctx: ControllerContext, queue: WorkQueue): ServicePodInformers {
  const services = ctx.informers.informerFor<ServiceObject>(SERVICES);
  const pods = ctx.informers.informerFor<PodObject>(PODS);
  const queueServicesOf = (pod: Readonly<PodObject>, old?: Readonly<PodObject>): void => {
    for (const svc of services.lister.list(pod.metadata?.namespace ?? '')) {
      if (!hasSelector(svc)) continue;
      const sel = selectorFromSet(svc.spec?.selector ?? {});
      if (sel.matches(pod.metadata?.labels) || (old && sel.matches(old.metadata?.labels))) queue.add(keyOf(svc));
    }
  };
  services.addEventHandler({
    onAdd: (s) => queue.add(keyOf(s)),
    onUpdate: (_old, cur) => queue.add(keyOf(cur)),
    onDelete: (s) => queue.add(keyOf(s)),
  });
  pods.addEventHandler({
    onAdd: (p) => queueServicesOf(p),
    onUpdate: (old, cur) => queueServicesOf(cur, old),
    onDelete: (p) => queueServicesOf(p),
  });
  return { services, pods };
}
