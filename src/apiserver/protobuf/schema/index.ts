import protobuf from 'protobufjs';
import { AUTH_PROTOS } from './auth.js';
import { CORE_CONTAINER_PROTO } from './core-container.js';
import { CORE_POD_PROTO } from './core-pod.js';
import { CORE_PROTO } from './core.js';
import { APIMACHINERY_PROTOS } from './meta.js';
import { POLICY_PROTOS } from './policy.js';
import { WORKLOADS_PROTOS } from './workloads.js';

const SOURCES: readonly string[] = [
  ...APIMACHINERY_PROTOS,
  CORE_CONTAINER_PROTO,
  CORE_POD_PROTO,
  CORE_PROTO,
  ...WORKLOADS_PROTOS,
  ...POLICY_PROTOS,
  ...AUTH_PROTOS,
];

let root: protobuf.Root | undefined;

/**
 * The protobuf schema of every kind we decode, parsed once on first use. Field names are kept as written
 * (`keepCase`), because upstream's proto field names are the JSON names.
 */
export function schemaRoot(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  for (const src of SOURCES) protobuf.parse(`syntax = "proto2";\n${src}`, r, { keepCase: true });
  r.resolveAll();
  root = r;
  return r;
}
