/**
 * An HTTPS client of the API server that authenticates with the admin client certificate from
 * `<data-dir>/pki/`, over its own keep-alive connection (one Agent with one socket: one "client").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'node:https';

export interface AdminPki {
  ca: string;
  cert: string;
  key: string;
}

export interface Reply {
  status: number;
  json: any;
}

const REQUEST_TIMEOUT_MS = 10_000;

export function readAdminPki(dataDir: string): AdminPki {
  const pki = join(dataDir, 'pki');
  const read = (f: string) => readFileSync(join(pki, f), 'utf8');
  return { ca: read('ca.crt'), cert: read('admin.crt'), key: read('admin.key') };
}

export class AdminClient {
  private readonly agent: Agent;

  constructor(
    private readonly base: URL,
    pki: Partial<AdminPki> & { ca: string },
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: pki.ca, ...(pki.cert ? { cert: pki.cert, key: pki.key } : {}) });
  }

  /** Rejects on transport errors (refused, reset, timeout); any HTTP status resolves. */
  request(method: string, path: string, body?: object): Promise<Reply> {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(data.length) });
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.base), { method, headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(data);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
