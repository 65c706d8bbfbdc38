/**
 * HTTPS (or plain HTTP) to an API server from a RestConfig: client certificate or bearer token, the cluster CA,
 * keep-alive with a bounded socket pool for requests and a separate pool for watches.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions } from 'node:https';
import { NodeHttpTransport } from './node-transport.js';
import type { RestConfig } from './rest-config.js';
import type { Headers, Transport } from './transport.js';

export interface HttpsTransportOptions {
  /** Kept-alive sockets for ordinary requests; default 32. */
  maxSockets?: number;
  /** Whole-request timeout (watches excepted); default 60 s. */
  timeoutMs?: number;
  userAgent?: string;
}

function tlsOptions(c: RestConfig): AgentOptions {
  const o: AgentOptions = { minVersion: 'TLSv1.2', rejectUnauthorized: !c.insecureSkipTLSVerify };
  if (c.caPem) o.ca = c.caPem;
  if (c.certPem) o.cert = c.certPem;
  if (c.keyPem) o.key = c.keyPem;
  if (c.tlsServerName) o.servername = c.tlsServerName;
  return o;
}

export function httpsTransport(c: RestConfig, o: HttpsTransportOptions = {}): Transport {
  const url = new URL(c.server);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`unsupported server URL ${c.server}: want https://host:port`);
  const secure = url.protocol === 'https:';
  const pool = { keepAlive: true, maxSockets: o.maxSockets ?? 32, maxFreeSockets: 8 };
  const tls = secure ? tlsOptions(c) : {};
  const Agent = secure ? HttpsAgent : HttpAgent;
  const headers: Headers = { 'User-Agent': o.userAgent ?? 'k8ts' };
  if (c.token) headers.Authorization = `Bearer ${c.token}`;
  return new NodeHttpTransport({
    requestFn: secure ? httpsRequest : httpRequest,
    target: { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || (secure ? 443 : 80) },
    pathPrefix: url.pathname.replace(/\/+$/, ''),
    agent: new Agent({ ...pool, ...tls }),
    streamAgent: new Agent({ keepAlive: false, ...tls }),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    headers,
  });
}
