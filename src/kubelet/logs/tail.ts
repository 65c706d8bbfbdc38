/**
 * Where the last `n` lines of a file start, found by reading backwards in blocks (a log file may be large; only
 * the tail is read). Lines are file lines, i.e. CRI records: as upstream, a line split into partial records counts
 * once per record. A final line without its `\n` counts as a line.
 */
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 64 * 1024;
const NL = 0x0a;

export async function tailStartOffset(fh: FileHandle, size: number, n: number): Promise<number> {
  if (n <= 0) return size;
  // The newline that ends the file terminates the last line; it is not a line boundary to count.
  let end = size;
  if (size > 0) {
    const last = Buffer.alloc(1);
    await fh.read(last, 0, 1, size - 1);
    if (last[0] === NL) end = size - 1;
  }
  let seen = 0;
  let pos = end;
  const buf = Buffer.alloc(BLOCK);
  while (pos > 0) {
    const len = Math.min(BLOCK, pos);
    pos -= len;
    const { bytesRead } = await fh.read(buf, 0, len, pos);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== NL) continue;
      seen++;
      if (seen === n) return pos + i + 1;
    }
  }
  return 0;
}
