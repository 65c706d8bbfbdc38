/**
 * A SPDY/3.1 client of a Kubernetes remote-command stream server (containerd's, for exec and attach), protocol
 * `v4.channel.k8s.io`: after the upgrade it opens one stream per channel with the single header `streamtype`
 * (error first, then stdin, stdout, stderr, resize), sends stdin/resize bytes on theirs, half-closes stdin with a FIN,
 * and hands what arrives on stdout, stderr and error to the caller. PINGs are echoed; the server closing the
 * connection ends the session (it does so after writing the exit Status on the error stream). Incoming SYN_REPLY
 * header blocks are not inflated (only stream ids matter), and no flow control is spoken (see below).
 */
import { FrameParser, GOAWAY, PING, RST_STREAM, controlFrame, dataFrame, payloadStreamId, synStreamFrame } from './frames.js';
import { HeaderCompressor, encodeHeaderBlock } from './header-block.js';
import { dialSpdy } from './dial.js';

export type StreamType = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';
export type OutputStream = 'error' | 'stdout' | 'stderr';

export interface RemoteCommandHandlers {
  onData(stream: OutputStream, data: Buffer): void;
  /** The connection ended (after the server's last data). Called once. */
  onClose(): void;
}

export interface RemoteCommandSession {
  write(stream: 'stdin' | 'resize', data: Buffer): void;
  /** Half-closes stdin (the process sees EOF). */
  closeStdin(): void;
  close(): void;
}

const PROTOCOL = 'v4.channel.k8s.io';
const ORDER: StreamType[] = ['error', 'stdin', 'stdout', 'stderr', 'resize'];

/** Connects to `url` (plain HTTP, as containerd's stream server on 127.0.0.1), upgrades and opens `streams`. */
export async function openRemoteCommand(url: string, streams: ReadonlySet<StreamType>, handlers: RemoteCommandHandlers): Promise<RemoteCommandSession> {
  const { socket, rest } = await dialSpdy(url, PROTOCOL);
  const ids = new Map<StreamType, number>();
  const types = new Map<number, StreamType>();
  const compressor = new HeaderCompressor();
  let next = 1;
  for (const type of ORDER.filter((t) => streams.has(t))) {
    const id = next;
    next += 2;
    ids.set(type, id);
    types.set(id, type);
    socket.write(synStreamFrame(id, await compressor.compress(encodeHeaderBlock([['streamtype', type]]))));
  }
  compressor.close();
  const parser = new FrameParser();
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    handlers.onClose();
  };
  const onBytes = (chunk: Buffer) => {
    for (const f of parser.push(chunk)) {
      if (!f.control) {
        const type = types.get(f.streamId);
        // No WINDOW_UPDATE: the Kubernetes stream server's SPDY library does not do flow control, and containerd 1.6
        // resets the connection now and then when it gets one (measured); output flows without them.
        if (f.data.length && (type === 'stdout' || type === 'stderr' || type === 'error')) handlers.onData(type, f.data);
        continue;
      }
      if (f.type === PING) socket.write(controlFrame(PING, 0, f.payload));
      else if (f.type === GOAWAY) socket.end();
      else if (f.type === RST_STREAM && payloadStreamId(f.payload) === ids.get('error')) socket.end();
    }
  };
  socket.on('data', onBytes);
  socket.on('close', finish);
  socket.on('error', () => socket.destroy());
  if (rest.length) onBytes(rest);
  socket.resume();
  const streamId = (t: StreamType) => ids.get(t);
  return {
    write(stream, data) {
      const id = streamId(stream);
      if (id !== undefined && !socket.destroyed) socket.write(dataFrame(id, data));
    },
    closeStdin() {
      const id = streamId('stdin');
      if (id !== undefined && !socket.destroyed) socket.write(dataFrame(id, Buffer.alloc(0), true));
    },
    close() {
      socket.destroy();
    },
  };
}
