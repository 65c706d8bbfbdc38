/** Serves /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version> in the negotiated discovery form. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeJson } from '../response/write.js';
import { aggregatedContentType, aggregatedList, aggregatedVersion } from './aggregated.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy.js';
import type { GroupVersions } from './resources.js';

/** Returns false when the path is not a discovery path. */
export function serveDiscovery(req: IncomingMessage, res: ServerResponse, path: string, groups: GroupVersions[], serverAddress: string): boolean {
  if (path === '/api' || path === '/apis') {
    const core = path === '/api';
    const v = aggregatedVersion(req.headers.accept);
    if (v) {
      const body = JSON.stringify(aggregatedList(groups.filter((g) => (g.group === '') === core), v));
      res.writeHead(200, { 'Content-Type': aggregatedContentType(v), 'Content-Length': Buffer.byteLength(body), Vary: 'Accept' }).end(body);
      return true;
    }
    writeJson(res, 200, core ? apiVersions(serverAddress) : apiGroupList(groups));
    return true;
  }
  const core = /^\/api\/([^/]+)$/.exec(path);
  if (core) {
    const g = groups.find((x) => x.group === '');
    if (!g || !g.byVersion.has(core[1]!)) return false;
    writeJson(res, 200, apiResourceList(g, core[1]!));
    return true;
  }
  const named = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!named) return false;
  const g = groups.find((x) => x.group === named[1]);
  if (!g) return false;
  if (!named[2]) {
    writeJson(res, 200, apiGroup(g));
    return true;
  }
  if (!g.byVersion.has(named[2])) return false;
  writeJson(res, 200, apiResourceList(g, named[2]));
  return true;
}
