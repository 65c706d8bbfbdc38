import { PROTOBUF_MAGIC } from './decode.js';
import { schemaRoot } from './schema/index.js';

/**
 * Builds a protobuf request body (magic + runtime.Unknown) for `message` encoded as the given message type, the
 * way client-go does. For tests, and for any caller that needs to produce protobuf bodies.
 */
export function encodeProtobufBody(apiVersion: string, kind: string, typeName: string, message: object): Buffer {
  const root = schemaRoot();
  const type = root.lookupType(typeName);
  const raw = type.encode(type.fromObject(message)).finish();
  const unknownType = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  const envelope = unknownType.encode(unknownType.fromObject({ typeMeta: { apiVersion, kind }, raw })).finish();
  return Buffer.concat([PROTOBUF_MAGIC, envelope]);
}
