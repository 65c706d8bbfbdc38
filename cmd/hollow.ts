/**
 * Hollow nodes inside `k8ts up --hollow-nodes N`: N kubelets on the fake runtime in this process, sharing one pod
 * informer and one node informer (the cluster simulator of issue 3; no containers, no network traffic).
 */
import type { Client } from '../src/client/interface.js';
import { createSharedInformerFactory } from '../src/client/informer/factory.js';
import { NODES } from '../src/client/resources.js';
import { realClock } from '../src/machinery/clock/clock.js';
import type { Logger } from '../src/machinery/log/logger.js';
import { startHollowCluster, type HollowCluster } from '../src/kubelet/hollow/cluster.js';
import type { HollowNodeRegistration } from '../src/kubelet/hollow/node.js';
import type { NodeObject } from '../src/kubelet/types.js';

/** `registration`: the labels, taints and capacity every node registers with (`k8ts sim --node-labels …`). */
export async function startHollowNodes(
  client: Client,
  nodes: number,
  logger: Logger,
  signal: AbortSignal,
  namePrefix?: string,
  registration?: HollowNodeRegistration,
): Promise<HollowCluster> {
  const informers = createSharedInformerFactory(client, { clock: realClock, logger });
  const nodeInformer = informers.informerFor<NodeObject>(NODES);
  return startHollowCluster(
    {
      client,
      clock: realClock,
      nodes,
      ...(namePrefix ? { namePrefix } : {}),
      ...(registration ? { registration } : {}),
      informers,
      runtimeOptions: { startDelayMs: 500 },
      kubelet: { nodeLister: (name) => nodeInformer.lister.get('', name) },
      logger,
    },
    signal,
  );
}
