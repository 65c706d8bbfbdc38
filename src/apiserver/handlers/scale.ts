/** The scale subresource: an autoscaling/v1 Scale view of spec.replicas, status.replicas and the selector. */
import { newBadRequest, newNotFound } from '../../machinery/errors/status.js';
import { mediaType, readBody } from '../request/body.js';
import { applyPatch, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from '../patch/index.js';
import type { KObject, ScaleStrategy } from '../registry/resource.js';
import { writeJson } from '../response/write.js';
import { checkTypeMeta, readRequestObject } from './decode.js';
import type { ResourceRequest } from './types.js';

const SCALE_GVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

export function toScale(obj: KObject, s: ScaleStrategy): KObject {
  const v = s.toScale(obj);
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: v.replicas },
    status: { replicas: v.statusReplicas, ...(v.selector ? { selector: v.selector } : {}) },
  };
}

function strategyOf(r: ResourceRequest): ScaleStrategy {
  const s = r.registry.def.scale;
  if (!s) throw newNotFound(r.registry.gr, `${r.info.name}/scale`);
  return s;
}

export async function handleScale(r: ResourceRequest): Promise<void> {
  const s = strategyOf(r);
  const method = r.req.method ?? 'GET';
  if (method === 'GET') {
    const obj = await r.registry.get(r.info.namespace, r.info.name);
    return writeJson(r.res, 200, toScale(obj, s));
  }
  const change = method === 'PUT' ? await readScale(r) : await readScalePatch(r);
  const out = await r.registry.guaranteedUpdate(r.info.namespace, r.info.name, r.ctx, 'main', async (live) => {
    const scale = change(toScale(live, s));
    const replicas = scale.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw newBadRequest(`spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
    }
    s.setReplicas(live, replicas);
    if (scale.metadata?.resourceVersion && scale.metadata.resourceVersion !== live.metadata.resourceVersion) {
      return { ...live, metadata: { ...live.metadata, resourceVersion: scale.metadata.resourceVersion } };
    }
    delete live.metadata.resourceVersion;
    return live;
  });
  writeJson(r.res, 200, toScale(out.object, s));
}

async function readScale(r: ResourceRequest): Promise<(current: KObject) => KObject> {
  const body = await readRequestObject(r, SCALE_GVK);
  return () => body;
}

async function readScalePatch(r: ResourceRequest): Promise<(current: KObject) => KObject> {
  const type = mediaType(r.req.headers['content-type']);
  const body = await readBody(r.req);
  return (current) => {
    // Scale has no lists, so a strategic merge patch of it is a merge patch.
    const patched = applyPatch(SCALE_GVK, current, body, type === STRATEGIC_MERGE_PATCH ? MERGE_PATCH : type);
    if (type !== 'application/json-patch+json' && patched.apiVersion && patched.kind) checkTypeMeta(patched, SCALE_GVK, body);
    return patched;
  };
}
