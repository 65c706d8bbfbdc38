export {
  decodeProtobufObject,
  isProtobufContentType,
  PROTOBUF_CONTENT_TYPE,
  PROTOBUF_MAGIC,
  type DecodedObject,
} from './decode.js';
export { isProtobufDecodeError, ProtobufDecodeError } from './errors.js';
export { supportedKinds } from './kinds.js';
