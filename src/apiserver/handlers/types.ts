/** What every resource handler receives, and the services the API server injects into handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Clock } from '../../machinery/clock/clock.js';
import type { OperationContext } from '../registry/resource.js';
import type { GenericRegistry } from '../registry/generic/registry.js';
import type { RequestInfo } from '../request/request-info.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface HandlerServices {
  clock: Clock;
  registryFor: (group: string, resource: string) => GenericRegistry | undefined;
}

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  info: RequestInfo;
  query: URLSearchParams;
  registry: GenericRegistry;
  ctx: OperationContext;
  services: HandlerServices;
}

/** A handler for a subresource that is not status or scale (binding, eviction, finalize, log …). */
export type SubresourceHandler = (r: ResourceRequest) => Promise<void>;

/**
 * An upgrade request (Connection: Upgrade) to a subresource: pods/exec, attach, portforward. The handler owns the
 * socket: it answers (101 from the next hop, or a Status) and closes it. `head` holds bytes read past the headers.
 */
export interface UpgradeResourceRequest extends Omit<ResourceRequest, 'res'> {
  socket: Duplex;
  head: Buffer;
}

export type UpgradeSubresourceHandler = (r: UpgradeResourceRequest) => Promise<void>;
