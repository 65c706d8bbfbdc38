/**
 * The Priority admission plugin (upstream's plugin/pkg/admission/priority) for pods being created: the pod's
 * priorityClassName names a PriorityClass (a stored object, or one of the two built-in system classes), whose value
 * and preemptionPolicy the pod gets; a pod without a class gets the class marked globalDefault (and its name), or
 * priority 0 with PreemptLowerPriority. A class that does not exist, or a priority/preemptionPolicy in the pod that
 * differs from the class's, is refused with upstream's 403 messages.
 */
import { newForbidden } from '../../../machinery/errors/status.js';
import type { AdmissionPlugin } from '../../../apiserver/admission/interface.js';
import type { KObject } from '../../../apiserver/registry/resource.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../../api/core/v1/pod-defaults.js';

export interface PriorityClassSource {
  get(name: string): Promise<KObject | undefined>;
  list(): Promise<KObject[]>;
}

interface Resolved {
  name: string;
  value: number;
  preemptionPolicy: string;
}

async function resolve(classes: PriorityClassSource, name: string): Promise<Resolved | undefined> {
  if (!name) {
    const def = (await classes.list()).filter((c) => c['globalDefault'] === true).sort((a, b) => Number(a['value']) - Number(b['value']))[0];
    return def ? { name: def.metadata.name, value: Number(def['value']), preemptionPolicy: String(def['preemptionPolicy'] ?? 'PreemptLowerPriority') } : { name: '', value: 0, preemptionPolicy: 'PreemptLowerPriority' };
  }
  const pc = await classes.get(name);
  if (pc) return { name, value: Number(pc['value']), preemptionPolicy: String(pc['preemptionPolicy'] ?? 'PreemptLowerPriority') };
  const system = SYSTEM_PRIORITY_CLASSES[name];
  return system === undefined ? undefined : { name, value: system, preemptionPolicy: 'PreemptLowerPriority' };
}

export function priorityAdmission(classes: PriorityClassSource): AdmissionPlugin {
  return {
    name: 'Priority',
    async admit(a) {
      if (a.operation !== 'CREATE' || a.info.resource !== 'pods' || a.info.group !== '' || a.subresource || !a.object) return;
      const spec = (a.object['spec'] ??= {}) as { priorityClassName?: string; priority?: number; preemptionPolicy?: string };
      const gr = { group: '', resource: 'pods' };
      const r = await resolve(classes, spec.priorityClassName ?? '');
      if (!r) throw newForbidden(gr, a.name, `no PriorityClass with name ${spec.priorityClassName} was found`);
      if (spec.priority !== undefined && spec.priority !== null && spec.priority !== r.value) {
        throw newForbidden(gr, a.name, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${r.value} from the given PriorityClass name`);
      }
      if (spec.preemptionPolicy && spec.preemptionPolicy !== r.preemptionPolicy) {
        throw newForbidden(gr, a.name, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${r.preemptionPolicy} from the given PriorityClass name`);
      }
      if (r.name) spec.priorityClassName = r.name;
      spec.priority = r.value;
      spec.preemptionPolicy = r.preemptionPolicy;
    },
  };
}
