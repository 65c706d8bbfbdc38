/**
 * Opens a SPDY/3.1 connection to a Kubernetes stream server URL (plain HTTP, as containerd's on 127.0.0.1): the
 * upgrade request with the wanted X-Stream-Protocol-Version, then the answer's header block. Resolves with the
 * socket (paused) and the bytes that followed the 101; rejects when the server answers anything but 101.
 */
import { connect, type Socket } from 'node:net';

export async function dialSpdy(url: string, protocol: string): Promise<{ socket: Socket; rest: Buffer }> {
  const u = new URL(url);
  const socket = await dial(u.hostname.replace(/^\[|\]$/g, ''), Number(u.port || 80));
  const rest = await upgrade(socket, `${u.pathname}${u.search}`, u.host, protocol);
  return { socket, rest };
}

function dial(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}

/** Sends the upgrade request and waits for the answer's header block; resolves with the bytes after it. */
function upgrade(socket: Socket, path: string, host: string, protocol: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.off('error', fail);
      socket.pause();
      const head = buf.subarray(0, end).toString('latin1');
      if (!/^HTTP\/1\.1 101/.test(head)) return fail(new Error(`the stream server refused the upgrade: ${head.split('\r\n')[0]} ${buf.subarray(end + 4).toString()}`.trim()));
      resolve(buf.subarray(end + 4));
    };
    socket.on('data', onData);
    socket.once('error', fail);
    socket.write(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\nContent-Length: 0\r\n\r\n`);
  });
}

