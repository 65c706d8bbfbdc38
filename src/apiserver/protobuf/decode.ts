import protobuf from 'protobufjs';
import { ProtobufDecodeError } from './errors.js';
import { messageFor } from './kinds.js';
import { schemaRoot } from './schema/index.js';
import { RUNTIME } from './schema/options.js';
import { messageToJson } from './to-json.js';

/** The media type of Kubernetes protobuf bodies (kubectl ≥ 1.32 sends typed-client bodies in it). */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** Every protobuf body starts with these 4 bytes ("k8s\0") before the runtime.Unknown envelope. */
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The object as a JSON body would carry it, including `apiVersion` and `kind`. */
  object: Record<string, unknown>;
}

/** True for `application/vnd.kubernetes.protobuf`, with or without parameters. */
export const isProtobufContentType = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === PROTOBUF_CONTENT_TYPE;

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

function decodeEnvelope(body: Buffer): Envelope {
  if (body.length < PROTOBUF_MAGIC.length || !body.subarray(0, PROTOBUF_MAGIC.length).equals(PROTOBUF_MAGIC)) {
    throw ProtobufDecodeError.badRequest('the body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
  }
  const type = schemaRoot().lookupType(`${RUNTIME}.Unknown`);
  let unknown: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array; contentEncoding?: string };
  try {
    unknown = type.decode(body.subarray(PROTOBUF_MAGIC.length)) as typeof unknown;
  } catch (e) {
    throw ProtobufDecodeError.badRequest(`malformed runtime.Unknown envelope: ${errorText(e)}`);
  }
  if (unknown.contentEncoding) {
    throw ProtobufDecodeError.unsupported(`content encoding "${unknown.contentEncoding}" is not supported`);
  }
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  if (!kind) throw ProtobufDecodeError.badRequest('the envelope names no kind (typeMeta.kind is empty)');
  if (!apiVersion) throw ProtobufDecodeError.badRequest(`the envelope names no apiVersion for kind "${kind}"`);
  return { apiVersion, kind, raw: unknown.raw ?? new Uint8Array() };
}

/**
 * Decodes a Kubernetes protobuf request body into the object a JSON body would have carried (see to-json.ts for
 * the conversion rules). Throws ProtobufDecodeError — 400 for a malformed body, 415 for a kind we have no schema
 * for.
 */
export function decodeProtobufObject(body: Buffer): DecodedObject {
  const { apiVersion, kind, raw } = decodeEnvelope(body);
  const name = messageFor(apiVersion, kind);
  if (!name) throw ProtobufDecodeError.unsupported(`unsupported kind "${kind}" (apiVersion "${apiVersion}")`);
  const type = schemaRoot().lookupType(name);
  let message: protobuf.Message;
  try {
    message = type.decode(raw);
  } catch (e) {
    throw ProtobufDecodeError.badRequest(`malformed ${kind} message: ${errorText(e)}`);
  }
  const object: Record<string, unknown> = { apiVersion, kind, ...messageToJson(type, message) };
  return { apiVersion, kind, object };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
