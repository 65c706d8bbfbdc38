/**
 * SPDY/3.1 framing, the subset a client of a Kubernetes stream server needs (draft-mbelshe-httpbis-spdy-00, §2.2):
 * an 8-byte header, then the payload. Control frames: bit 31 set, version 3, a 16-bit type, 8-bit flags, 24-bit
 * length. Data frames: a 31-bit stream id, flags, length. Header blocks are opaque here (header-block.ts).
 */

export const FLAG_FIN = 0x01;
export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const SETTINGS = 4;
export const PING = 6;
export const GOAWAY = 7;

export type Frame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; data: Buffer };

function header(word0: number, flags: number, length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(word0 >>> 0, 0);
  b.writeUInt32BE(((flags & 0xff) << 24) | (length & 0xffffff), 4);
  return b;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([header(0x80030000 | type, flags, payload.length), payload]);
}

export function dataFrame(streamId: number, data: Buffer, fin = false): Buffer {
  return Buffer.concat([header(streamId & 0x7fffffff, fin ? FLAG_FIN : 0, data.length), data]);
}

/** SYN_STREAM: stream id, no associated stream, priority 0, then the compressed header block. */
export function synStreamFrame(streamId: number, headerBlock: Buffer, fin = false): Buffer {
  const p = Buffer.alloc(10);
  p.writeUInt32BE(streamId & 0x7fffffff, 0);
  return controlFrame(SYN_STREAM, fin ? FLAG_FIN : 0, Buffer.concat([p, headerBlock]));
}

/** The stream id of a SYN_REPLY / RST_STREAM / WINDOW_UPDATE payload. */
export const payloadStreamId = (payload: Buffer): number => (payload.length >= 4 ? payload.readUInt32BE(0) & 0x7fffffff : 0);

/** Cuts a byte stream into frames; bytes of an incomplete frame wait for the next push. */
export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buf.length >= 8) {
      const length = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + length) break;
      const word0 = this.buf.readUInt32BE(0);
      const flags = this.buf[4]!;
      const body = this.buf.subarray(8, 8 + length);
      if (word0 & 0x80000000) frames.push({ control: true, type: word0 & 0xffff, flags, payload: body });
      else frames.push({ control: false, streamId: word0 & 0x7fffffff, flags, data: body });
      this.buf = this.buf.subarray(8 + length);
    }
    return frames;
  }
}
