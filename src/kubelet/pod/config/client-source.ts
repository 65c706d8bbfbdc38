/**
 * A PodConfigSource that reads through the API client: GET of ConfigMaps and Secrets, LIST of Services. Every call
 * goes to the API server (upstream's "Get" change-detection strategy); a watch-based cache can replace it behind
 * the same interface when the read load matters.
 */
import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../../client/interface.js';
import { CONFIG_MAPS, SECRETS, SERVICES } from '../../../client/resources.js';
import { isNotFoundStatus } from '../../../machinery/errors/status.js';
import type { PodConfigSource } from './source.js';

export class ClientConfigSource implements PodConfigSource {
  constructor(private readonly client: Client) {}

  configMap(namespace: string, name: string): Promise<ConfigMap | undefined> {
    return orUndefined(this.client.get<ConfigMap>(CONFIG_MAPS, namespace, name));
  }

  secret(namespace: string, name: string): Promise<Secret | undefined> {
    return orUndefined(this.client.get<Secret>(SECRETS, namespace, name));
  }

  async services(namespace: string): Promise<Service[]> {
    return (await this.client.list<Service>(SERVICES, namespace)).items;
  }
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isNotFoundStatus(e)) return undefined;
    throw e;
  }
}
