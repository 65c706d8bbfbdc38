import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { upgradeRequestHead } from './upgrade-proxy.js';

test('upgradeRequestHead replays method and headers with a new path and Host, minus this hop\'s credentials', () => {
  const req = {
    method: 'POST',
    rawHeaders: ['Host', 'api:6443', 'Authorization', 'Bearer t', 'Impersonate-User', 'x', 'Connection', 'Upgrade', 'Upgrade', 'SPDY/3.1', 'X-Stream-Protocol-Version', 'v4.channel.k8s.io', 'X-Stream-Protocol-Version', 'channel.k8s.io'],
  } as unknown as IncomingMessage;
  assert.equal(
    upgradeRequestHead(req, '/exec/ns/p/c?command=true', '10.0.0.5:10250'),
    [
      'POST /exec/ns/p/c?command=true HTTP/1.1',
      'Host: 10.0.0.5:10250',
      'Connection: Upgrade',
      'Upgrade: SPDY/3.1',
      'X-Stream-Protocol-Version: v4.channel.k8s.io',
      'X-Stream-Protocol-Version: channel.k8s.io',
    ].join('\r\n') + '\r\n\r\n',
  );
});
