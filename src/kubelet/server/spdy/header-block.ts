/**
 * SPDY/3 header blocks: a count, then (length, name, length, value) pairs with 32-bit lengths, zlib-compressed as
 * ONE zlib stream per direction for the whole connection, each block ended by a sync flush. The spec's preset
 * dictionary only improves compression: a receiver (Go's zlib reader included) needs it only when the stream's
 * header announces one (FDICT), so this sender compresses without one. Incoming header blocks are never inflated:
 * the client needs only the stream ids, which lie outside the block.
 */
import { constants, createDeflate, type Deflate } from 'node:zlib';

export function encodeHeaderBlock(pairs: ReadonlyArray<readonly [string, string]>): Buffer {
  const parts: Buffer[] = [u32(pairs.length)];
  for (const [name, value] of pairs) {
    const n = Buffer.from(name.toLowerCase());
    const v = Buffer.from(value);
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

/** The sending half's zlib stream; compress() calls must not overlap (the client awaits each). */
export class HeaderCompressor {
  private readonly deflate: Deflate = createDeflate();
  private pending: Buffer[] = [];

  constructor() {
    this.deflate.on('data', (c: Buffer) => this.pending.push(c));
  }

  compress(block: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.deflate.write(block, (err) => err && reject(err));
      this.deflate.flush(constants.Z_SYNC_FLUSH, () => {
        const out = Buffer.concat(this.pending);
        this.pending = [];
        resolve(out);
      });
    });
  }

  close(): void {
    this.deflate.destroy();
  }
}
