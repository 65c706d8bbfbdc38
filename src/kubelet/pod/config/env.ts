/**
 * A container's environment (upstream's makeEnvironmentVariables): envFrom first (later sources override earlier
 * ones; keys that are not valid variable names after the prefix are skipped), then env in order, each either a
 * value with `$(VAR)` references expanded against what is defined so far and the service variables, or a value
 * from a fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef; env overrides envFrom. The service variables
 * come last, except those the container defines itself.
 *
 * Order: upstream builds a Go map, so its order is unspecified; this one is stable: envFrom keys in source order
 * (a source's keys sorted), then env in declaration order (a name defined again keeps its first position), then
 * service variables.
 *
 * A missing non-optional ConfigMap/Secret or key is a CreateContainerConfigError with upstream's message; an
 * optional one leaves the variable (or the envFrom source) out.
 */
import type { ConfigMap, Container, EnvFromSource, EnvVar, Pod, Secret } from 'kubernetes-types/core/v1.js';
import { isEnvVarName } from '../../../machinery/validation/names.js';
import type { KeyValue } from '../../runtime/interface.js';
import { fieldRefValue, resourceFieldRefValue, type PodNetworkFacts } from './downward.js';
import { expand, lookupIn } from './expansion.js';
import { configError, type PodConfigSource } from './source.js';

export interface EnvContext extends PodNetworkFacts {
  /** Undefined: no API lookups (hollow nodes). */
  source?: PodConfigSource;
  /** The service-link variables of the pod (podServiceEnv); empty without a source. */
  serviceEnv: ReadonlyMap<string, string>;
  /** The node's allocatable, the default of unset limits in resourceFieldRefs. */
  allocatable: Readonly<Record<string, string>>;
}

/** ConfigMaps and Secrets read once per container, as upstream caches them within one call. */
class Refs {
  private readonly configMaps = new Map<string, Readonly<ConfigMap> | undefined>();
  private readonly secrets = new Map<string, Readonly<Secret> | undefined>();

  constructor(
    private readonly ns: string,
    private readonly source: PodConfigSource | undefined,
  ) {}

  /** The ConfigMap's data, undefined when it is absent and optional. */
  async configMap(name: string, optional: boolean): Promise<Readonly<Record<string, string>> | undefined> {
    if (!this.source) {
      if (optional) return undefined;
      throw configError(`couldn't get configMap ${this.ns}/${name}, no kubeClient defined`);
    }
    if (!this.configMaps.has(name)) this.configMaps.set(name, await this.source.configMap(this.ns, name));
    const cm = this.configMaps.get(name);
    if (!cm && !optional) throw configError(`configmap "${name}" not found`);
    return cm ? (cm.data ?? {}) : undefined;
  }

  /** The Secret's data decoded to text, undefined when it is absent and optional. */
  async secret(name: string, optional: boolean): Promise<Readonly<Record<string, string>> | undefined> {
    if (!this.source) {
      if (optional) return undefined;
      throw configError(`couldn't get secret ${this.ns}/${name}, no kubeClient defined`);
    }
    if (!this.secrets.has(name)) this.secrets.set(name, await this.source.secret(this.ns, name));
    const s = this.secrets.get(name);
    if (!s && !optional) throw configError(`secret "${name}" not found`);
    if (!s) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
    return out;
  }
}

export async function containerEnv(pod: Readonly<Pod>, c: Readonly<Container>, ctx: EnvContext): Promise<KeyValue[]> {
  const ns = pod.metadata?.namespace ?? '';
  const refs = new Refs(ns, ctx.source);
  const env = new Map<string, string>();
  for (const from of c.envFrom ?? []) await addEnvFrom(env, from, refs);
  const lookup = lookupIn(env, ctx.serviceEnv);
  for (const e of c.env ?? []) {
    const v = await envValue(pod, c, e, ctx, refs, lookup);
    if (v !== undefined) env.set(e.name, v);
  }
  const out: KeyValue[] = [...env].map(([key, value]) => ({ key, value }));
  for (const [key, value] of ctx.serviceEnv) if (!env.has(key)) out.push({ key, value });
  return out;
}

async function addEnvFrom(env: Map<string, string>, from: EnvFromSource, refs: Refs): Promise<void> {
  let data: Readonly<Record<string, string>> | undefined;
  if (from.configMapRef) data = await refs.configMap(from.configMapRef.name ?? '', from.configMapRef.optional === true);
  else if (from.secretRef) data = await refs.secret(from.secretRef.name ?? '', from.secretRef.optional === true);
  for (const k of Object.keys(data ?? {}).sort()) {
    const name = `${from.prefix ?? ''}${k}`;
    // Upstream skips these with a warning event (InvalidEnvironmentVariableNames); the kubelet has no recorder yet.
    if (isEnvVarName(name).length === 0) env.set(name, data![k]!);
  }
}

/** The variable's value; undefined when it is to be left out (an optional source that is absent). */
async function envValue(
  pod: Readonly<Pod>,
  c: Readonly<Container>,
  e: EnvVar,
  ctx: EnvContext,
  refs: Refs,
  lookup: (name: string) => string | undefined,
): Promise<string | undefined> {
  if (e.value) return expand(e.value, lookup);
  const from = e.valueFrom;
  if (!from) return '';
  const ns = pod.metadata?.namespace ?? '';
  if (from.fieldRef) return fieldRefValue(from.fieldRef, pod, ctx);
  if (from.resourceFieldRef) return resourceFieldRefValue(from.resourceFieldRef, c, ctx.allocatable);
  if (from.configMapKeyRef) {
    const { name = '', key, optional = false } = from.configMapKeyRef;
    const data = await refs.configMap(name, optional);
    if (!data) return undefined;
    if (data[key] !== undefined) return data[key];
    if (optional) return undefined;
    throw configError(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
  }
  if (from.secretKeyRef) {
    const { name = '', key, optional = false } = from.secretKeyRef;
    const data = await refs.secret(name, optional);
    if (!data) return undefined;
    if (data[key] !== undefined) return data[key];
    if (optional) return undefined;
    throw configError(`couldn't find key ${key} in Secret ${ns}/${name}`);
  }
  return '';
}
