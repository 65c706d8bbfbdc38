/**
 * Where the kubelet reads the objects a container's configuration refers to: ConfigMaps and Secrets (env,
 * envFrom) and the Services of a namespace (service-link environment variables). The kubelet takes one through
 * KubeletOptions.configSource; without one, a non-optional ConfigMap/Secret reference fails the container with
 * CreateContainerConfigError and no service variables are set (what hollow nodes want: no API reads per pod).
 */
import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1.js';

export interface PodConfigSource {
  /** The ConfigMap, or undefined when it does not exist; other failures reject. */
  configMap(namespace: string, name: string): Promise<Readonly<ConfigMap> | undefined>;
  /** The Secret, or undefined when it does not exist; other failures reject. */
  secret(namespace: string, name: string): Promise<Readonly<Secret> | undefined>;
  /** Every Service of the namespace. */
  services(namespace: string): Promise<readonly Readonly<Service>[]>;
}

/**
 * Why a container cannot start this sync, as the waiting state reports it (upstream's kuberuntime start errors):
 * reason CreateContainerConfigError, ErrImagePull, ImagePullBackOff, ErrImageNeverPull, CreateContainerError,
 * RunContainerError. The container is retried on a later sync.
 */
export class ContainerStartError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

export const configError = (message: string): ContainerStartError => new ContainerStartError('CreateContainerConfigError', message);
