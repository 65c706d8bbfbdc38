/**
 * DefaultBinder: binds the pod by POSTing a Binding to its pods/binding subresource; the API server sets
 * spec.nodeName (and answers 409 when the pod is already bound). A failure is an Error: the scheduler forgets the
 * assumed pod and retries it with backoff.
 */
import type { BindPlugin, Handle } from '../../framework/interface.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import { podKey, type P } from '../../framework/types.js';
import type { Binding } from 'kubernetes-types/core/v1.js';
import { PODS } from '../../../client/resources.js';

export const NAME = 'DefaultBinder';

/** The v1 Binding for a pod (the uid guards against binding a recreated pod of the same name). */
export function newBinding(pod: P, nodeName: string): Binding {
  const m = pod.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid },
    target: { kind: 'Node', name: nodeName },
  };
}

export class DefaultBinder implements BindPlugin {
  readonly name = NAME;

  constructor(private readonly handle: Handle) {}

  async bind(_state: CycleState, pod: P, nodeName: string): Promise<Status> {
    const log = this.handle.logger;
    if (log.enabled('debug')) log.debug('Attempting to bind pod to node', { pod: podKey(pod), node: nodeName });
    const binding = newBinding(pod, nodeName);
    try {
      await this.handle.client.createSubresource(PODS, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'binding', binding);
      return Status.success();
    } catch (err) {
      return Status.error(err);
    }
  }
}
