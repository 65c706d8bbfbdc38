/**
 * The pod both halves of bench:pods run: busybox `sleep 3600` from the preloaded image (IfNotPresent), small requests
 * so 100 fit on one node, a grace period of 1 s (busybox sleep as PID 1 ignores SIGTERM: the stop kills it after 1 s).
 * The API path (the driver) creates it as it is; the raw CRI path builds the kubelet's CRI configurations from the
 * same object, with the fields the API server would default set here, and a uid of its own.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { BUSYBOX_IMAGE } from '../../src/kubelet/runtime/containerd/oci-image.js';

/** Namespace of the pods created through the API (phase B) and of the first pod (phase A). */
export const API_NAMESPACE = 'bench-pods';
/** Namespace label of the sandboxes made through the raw CRI (phase C); never an API namespace. */
export const CRI_NAMESPACE = 'bench-pods-cri';

export function benchPod(namespace: string, name: string, uid?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'bench-pods' }, ...(uid ? { uid } : {}) },
    spec: {
      containers: [
        {
          name: 'sleep',
          image: BUSYBOX_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', '3600'],
          resources: { requests: { cpu: '5m', memory: '8Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 1,
    },
  };
}

export const podName = (i: number): string => `pod-${String(i).padStart(4, '0')}`;
