/**
 * Loads the project's CRI description (api.proto, beside this module) with @grpc/proto-loader.
 *
 * tsc does not copy .proto files into dist/, so the file is looked up relative to this module in two places: beside
 * it (running the sources through tsx) and, when running the build (dist/src/kubelet/runtime/cri/proto.js), at the
 * same path under the package's src/ — which ships with the package, because bin/k8ts.js falls back to it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export const CRI_PROTO_FILE = 'api.proto';

/** The candidate paths of api.proto for a module in `moduleDir`, most specific first. */
export function protoCandidates(moduleDir: string): string[] {
  const candidates = [join(moduleDir, CRI_PROTO_FILE)];
  const distMarker = `${sep}dist${sep}src${sep}`;
  const at = moduleDir.lastIndexOf(distMarker);
  if (at >= 0) {
    const sourceDir = moduleDir.slice(0, at) + `${sep}src${sep}` + moduleDir.slice(at + distMarker.length);
    candidates.push(join(sourceDir, CRI_PROTO_FILE));
  }
  return candidates;
}

export function locateCriProto(moduleDir = dirname(fileURLToPath(import.meta.url))): string {
  const candidates = protoCandidates(moduleDir);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`CRI api.proto not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The options runtime.md prescribes: CRI field names as published (snake_case), int64 as strings (nanosecond
 * timestamps overflow a double), enums as their names, absent fields filled with defaults.
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

export interface CriServices {
  RuntimeService: grpc.ServiceClientConstructor;
  ImageService: grpc.ServiceClientConstructor;
  definition: protoLoader.PackageDefinition;
}

let cached: CriServices | undefined;

/** The RuntimeService and ImageService client constructors (loaded once per process). */
export function loadCriServices(): CriServices {
  if (cached) return cached;
  const definition = protoLoader.loadSync(locateCriProto(), LOADER_OPTIONS);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    runtime: { v1: { RuntimeService: grpc.ServiceClientConstructor; ImageService: grpc.ServiceClientConstructor } };
  };
  cached = { RuntimeService: pkg.runtime.v1.RuntimeService, ImageService: pkg.runtime.v1.ImageService, definition };
  return cached;
}
