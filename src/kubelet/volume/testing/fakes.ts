/**
 * Test stand-ins for the volume manager's dependencies: a GET-only client over a map of objects (NotFound as the
 * API server answers it), and a Mounter that records tmpfs mounts instead of making them.
 */
import type { Client, KubeObject, ResourceRef } from '../../../client/interface.js';
import { newNotFound } from '../../../machinery/errors/status.js';
import type { Mounter } from '../types.js';

/** Objects keyed `<resource>/<namespace>/<name>` (namespace empty for cluster-scoped ones such as persistentvolumes). */
export class ObjectGetter implements Pick<Client, 'get'> {
  readonly objects = new Map<string, KubeObject>();
  gets = 0;

  put(resource: string, namespace: string, obj: KubeObject): this {
    this.objects.set(`${resource}/${namespace}/${obj.metadata?.name ?? ''}`, structuredClone(obj));
    return this;
  }

  async get<T extends KubeObject>(r: ResourceRef, ns: string, name: string): Promise<T> {
    this.gets++;
    const o = this.objects.get(`${r.resource}/${r.namespaced ? ns : ''}/${name}`);
    if (!o) throw newNotFound(r, name);
    return structuredClone(o) as T;
  }
}

/** Records mounts (a bind mount is recorded, not made); `stuck` mount points survive unmount (a busy filesystem). */
export class FakeMounter implements Mounter {
  readonly mounted = new Map<string, number | undefined>();
  readonly stuck = new Set<string>();
  constructor(private readonly root = true) {}

  canMount(): boolean {
    return this.root;
  }

  async mountTmpfs(dir: string, sizeBytes?: number): Promise<void> {
    this.mounted.set(dir, sizeBytes);
  }

  async bindMount(_source: string, target: string): Promise<void> {
    this.mounted.set(target, undefined);
  }

  async unmount(dir: string): Promise<void> {
    if (!this.stuck.has(dir)) this.mounted.delete(dir);
  }

  async mountPointsUnder(dir: string): Promise<string[]> {
    return [...this.mounted.keys()].filter((m) => m === dir || m.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length);
  }
}
