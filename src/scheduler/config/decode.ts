/**
 * Strict decoding of a KubeSchedulerConfiguration document (upstream decodes the file strictly): every field must
 * be known and of the right type, else a field error naming it. Plugin args are decoded loosely (their plugins
 * validate them); an args `apiVersion`/`kind`, when given, must be kubescheduler.config.k8s.io/v1 `<Plugin>Args`.
 */
import { FieldPath, invalid, notSupported, required, type ErrorList } from '../../machinery/validation/field.js';
import { CONFIG_API_VERSION, CONFIG_KIND, EXTENSION_POINTS } from './types.js';

type Check = (path: FieldPath, v: unknown, errs: ErrorList) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const typed =
  (want: 'string' | 'boolean' | 'number' | 'integer'): Check =>
  (path, v, errs) => {
    const ok = want === 'integer' ? Number.isInteger(v) : typeof v === want;
    if (!ok) errs.push(invalid(path, v, `must be ${want === 'integer' ? 'an integer' : `a ${want}`}`));
  };

const str = typed('string');
const bool = typed('boolean');
const num = typed('number');
const int = typed('integer');

/** An object whose fields are checked by `fields`; unknown fields are errors (strict decoding). */
const object =
  (fields: Record<string, Check>): Check =>
  (path, v, errs) => {
    if (!isObject(v)) {
      errs.push(invalid(path, v, 'must be an object'));
      return;
    }
    for (const [k, val] of Object.entries(v)) {
      const check = fields[k];
      if (!check) errs.push(invalid(path.child(k), val, 'unknown field'));
      else if (val !== null && val !== undefined) check(path.child(k), val, errs);
    }
  };

const list =
  (item: Check): Check =>
  (path, v, errs) => {
    if (!Array.isArray(v)) errs.push(invalid(path, v, 'must be a list'));
    else v.forEach((x, i) => item(path.index(i), x, errs));
  };

const anyObject: Check = (path, v, errs) => {
  if (!isObject(v)) errs.push(invalid(path, v, 'must be an object'));
};

const pluginRef = object({ name: str, weight: int });
const pluginSet = object({ enabled: list(pluginRef), disabled: list(pluginRef) });
const plugins = object(Object.fromEntries([...EXTENSION_POINTS, 'multiPoint'].map((ep) => [ep, pluginSet])));

const pluginConfig: Check = (path, v, errs) => {
  object({ name: str, args: anyObject })(path, v, errs);
  if (!isObject(v) || !isObject(v.args)) return;
  const { apiVersion, kind } = v.args;
  if (apiVersion !== undefined && apiVersion !== CONFIG_API_VERSION) {
    errs.push(notSupported(path.child('args', 'apiVersion'), apiVersion, [CONFIG_API_VERSION]));
  }
  if (kind !== undefined && typeof v.name === 'string' && kind !== `${v.name}Args`) {
    errs.push(invalid(path.child('args', 'kind'), kind, `must be ${JSON.stringify(`${v.name}Args`)}`));
  }
};

const profile = object({ schedulerName: str, percentageOfNodesToScore: int, plugins, pluginConfig: list(pluginConfig) });

const leaderElection = object({
  leaderElect: bool,
  leaseDuration: str,
  renewDeadline: str,
  retryPeriod: str,
  resourceLock: str,
  resourceName: str,
  resourceNamespace: str,
});

const clientConnection = object({ kubeconfig: str, acceptContentTypes: str, contentType: str, qps: num, burst: int });

/** k8ts serves no scheduler extenders: a non-empty list is refused loudly rather than ignored. */
const extenders: Check = (path, v, errs) => {
  if (!Array.isArray(v)) errs.push(invalid(path, v, 'must be a list'));
  else if (v.length > 0) errs.push(invalid(path, `${v.length} extender(s)`, 'scheduler extenders are not supported by k8ts'));
};

const configuration = object({
  apiVersion: str,
  kind: str,
  parallelism: int,
  leaderElection,
  clientConnection,
  healthzBindAddress: str,
  metricsBindAddress: str,
  enableProfiling: bool,
  enableContentionProfiling: bool,
  percentageOfNodesToScore: int,
  podInitialBackoffSeconds: int,
  podMaxBackoffSeconds: int,
  profiles: list(profile),
  extenders,
  delayCacheUntilActive: bool,
});

/** The decoding errors of a parsed document (empty when it has the v1 shape). */
export function decodeErrors(doc: unknown): ErrorList {
  const errs: ErrorList = [];
  if (!isObject(doc)) {
    errs.push(invalid(FieldPath.root('<root>'), doc, 'must be a KubeSchedulerConfiguration object'));
    return errs;
  }
  if (doc.apiVersion === undefined) errs.push(required(FieldPath.root('apiVersion')));
  else if (doc.apiVersion !== CONFIG_API_VERSION) errs.push(notSupported(FieldPath.root('apiVersion'), doc.apiVersion, [CONFIG_API_VERSION]));
  if (doc.kind === undefined) errs.push(required(FieldPath.root('kind')));
  else if (doc.kind !== CONFIG_KIND) errs.push(notSupported(FieldPath.root('kind'), doc.kind, [CONFIG_KIND]));
  configuration(FieldPath.root(''), doc, errs);
  return errs;
}
