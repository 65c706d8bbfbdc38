/**
 * Pods (upstream's pkg/registry/core/pod/strategy.go): a new pod starts Pending with its QoS class and gets the
 * admission defaults (service account, priority, default tolerations); updates follow ValidatePodUpdate; status
 * is written only through pods/status.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../apiserver/registry/resource.js';
import { applyPodAdmissionDefaults, defaultPod } from '../../api/core/v1/pod-defaults.js';
import { podQOSClass } from '../../api/core/v1/qos.js';
import { validatePod } from '../../api/core/v1/pod-validation.js';
import { validatePodUpdate } from '../../api/core/v1/pod-update-validation.js';
import { keepStatus, resetStatus, statusStrategy, fieldValue, type StrategyEntry } from './common.js';

const asPod = (o: KObject): Pod => o as Pod;

/** Upstream's PodToSelectableFields. */
export function podSelectableFields(obj: KObject): Record<string, string> {
  const pod = asPod(obj);
  return {
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork === true),
    'status.phase': fieldValue(pod, 'status.phase'),
    'status.podIP': pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  };
}

export const pods: StrategyEntry = {
  strategy: {
    prepareForCreate: (obj) => {
      resetStatus(obj, { phase: 'Pending', qosClass: podQOSClass(asPod(obj).spec) });
      applyPodAdmissionDefaults(asPod(obj));
    },
    prepareForUpdate: keepStatus,
    defaults: (obj) => defaultPod(asPod(obj)),
    validate: (obj) => validatePod(asPod(obj)),
    validateUpdate: (obj, old) => validatePodUpdate(asPod(obj), asPod(old)),
    tracksGeneration: true,
    selectableFields: podSelectableFields,
  },
  status: statusStrategy({ namespaced: true }),
};
