/**
 * pods/{name}/log (upstream's LogREST): validates the PodLogOptions (422 Invalid), picks the container
 * (log-container.ts), finds the pod's kubelet and streams `GET /containerLogs/{ns}/{pod}/{container}?…` from it
 * back as text/plain. With follow the answer stays open until the kubelet ends it (the container stopped); a client
 * that goes away aborts the kubelet request. A pod not yet bound to a node has no log: an empty answer, as upstream.
 * A kubelet's error answer (a Status) is relayed with its code and message.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { IncomingMessage as KubeletResponse } from 'node:http';
import { request } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { newBadRequest, newInvalid, StatusError, type Status } from '../../../machinery/errors/status.js';
import { parsePodLogOptions, podLogQuery } from '../../../api/core/v1/pod-log-options.js';
import type { ResourceRequest, SubresourceHandler } from '../../../apiserver/handlers/types.js';
import { checkLogStatus, logContainerName } from './log-container.js';
import { kubeletLocation, kubeletTls, noKubeletClient, unreachable, type KubeletClientConfig, type KubeletLocation } from './kubelet-connection.js';

export function podLogHandler(kubelet: KubeletClientConfig | undefined): SubresourceHandler {
  return async (r: ResourceRequest) => {
    if (r.req.method !== 'GET' && r.req.method !== 'HEAD') throw newBadRequest('pods/log accepts only GET');
    const { options, problems } = parsePodLogOptions(r.query);
    if (problems.length) {
      throw newInvalid({ group: '', kind: 'PodLogOptions' }, r.info.name, problems.map((p) => ({ field: p.field, reason: 'FieldValueInvalid', message: `${p.field}: ${p.message}` })));
    }
    const pod = (await r.registry.get(r.info.namespace, r.info.name)) as Pod;
    const container = logContainerName(pod, options.container);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return void r.res.writeHead(200, { 'Content-Type': 'text/plain' }).end();
    checkLogStatus(pod, container, options.previous);
    if (!kubelet) throw noKubeletClient('log');
    const loc = await kubeletLocation(r.services, nodeName, kubelet.defaultPort);
    const path = `/containerLogs/${[r.info.namespace, r.info.name, container].map(encodeURIComponent).join('/')}?${podLogQuery(options)}`;
    await relay(r, kubelet, loc, path);
  };
}

async function relay(r: ResourceRequest, cfg: KubeletClientConfig, loc: KubeletLocation, path: string): Promise<void> {
  const ac = new AbortController();
  const onClose = () => ac.abort();
  r.res.on('close', onClose);
  try {
    const upstream = await kubeletGet(cfg, loc, path, ac.signal);
    if (upstream.statusCode !== 200) throw await kubeletError(upstream);
    r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    r.res.flushHeaders();
    await pipeline(upstream, r.res).catch(() => r.res.destroy());
  } finally {
    r.res.off('close', onClose);
  }
}

function kubeletGet(cfg: KubeletClientConfig, loc: KubeletLocation, path: string, signal: AbortSignal): Promise<KubeletResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ ...kubeletTls(cfg, loc), path, method: 'GET', signal, agent: false }, resolve);
    req.setTimeout(cfg.connectTimeoutMs ?? 10_000, () => req.destroy(new Error('no answer')));
    req.on('response', () => req.setTimeout(0));
    req.once('error', (err) => reject(unreachable(loc, err)));
    req.end();
  });
}

/** The kubelet's error answer as a StatusError: its Status when it sent one, else its text. */
async function kubeletError(res: KubeletResponse): Promise<StatusError> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  const code = res.statusCode ?? 500;
  try {
    const st = JSON.parse(text) as Status;
    if (st.kind === 'Status') return new StatusError({ ...st, code });
  } catch {
    // not JSON: relay the text
  }
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text || `the kubelet answered ${code}`, reason: code === 404 ? 'NotFound' : code === 400 ? 'BadRequest' : 'InternalError', code });
}
