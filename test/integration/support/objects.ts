/** Object builders and Status assertions shared by the integration tests. */
import assert from 'node:assert/strict';
import type { ApiResponse, TestApiServer } from './api-server.js';

export async function createNamespace(s: TestApiServer, name: string): Promise<void> {
  const res = await s.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  assert.equal(res.status, 201, `create namespace ${name}: ${res.text}`);
}

export const configMap = (name: string, data: Record<string, string> = { k: 'v' }, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

export const pod = (name: string, extra: { labels?: Record<string, string>; spec?: Record<string, unknown> } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...(extra.spec ?? {}) },
});

export const deployment = (name: string, opts: { image?: string | null; selector?: Record<string, string>; templateLabels?: Record<string, string>; replicas?: number } = {}) => {
  const container: Record<string, unknown> = { name: 'web' };
  if (opts.image !== null) container.image = opts.image ?? 'nginx:1.27';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: opts.selector ?? { app: name } },
      template: { metadata: { labels: opts.templateLabels ?? opts.selector ?? { app: name } }, spec: { containers: [container] } },
    },
  };
};

export const service = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...spec },
});

/** Asserts an HTTP answer is a Status of the given code (and reason, when given); returns the Status. */
export function assertStatus(res: ApiResponse, code: number, reason?: string): any {
  assert.equal(res.status, code, `expected HTTP ${code}${reason ? ` ${reason}` : ''}, got ${res.status}: ${res.text.slice(0, 500)}`);
  assert.equal(res.json?.kind, 'Status', `expected a Status body: ${res.text.slice(0, 300)}`);
  if (code >= 400) {
    assert.equal(res.json.code, code);
    assert.equal(res.json.status, 'Failure');
  }
  if (reason) assert.equal(res.json.reason, reason, `reason: ${res.json.message}`);
  return res.json;
}

/** Asserts a 2xx answer (with the body in the message otherwise). */
export function assertOk(res: ApiResponse, code = 200): any {
  assert.equal(res.status, code, `expected HTTP ${code}, got ${res.status}: ${res.text.slice(0, 500)}`);
  return res.json;
}

/** Polls `check` until it returns a value other than undefined; throws with `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const nsPath = (ns: string, resource: string, name?: string, group = '') =>
  `${group ? `/apis/${group}` : '/api/v1'}/namespaces/${ns}/${resource}${name ? `/${name}` : ''}`;
