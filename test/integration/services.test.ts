/** Service ClusterIP and NodePort allocation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, nsPath, service } from './support/objects.js';

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
const inServiceCidr = (ip: string): boolean => ipNumber(ip) >= ipNumber('10.96.0.0') && ipNumber(ip) <= ipNumber('10.111.255.255');

describeBackends('services', (b) => {
  test('default/kubernetes has ClusterIP 10.96.0.1 and port 443', async () => {
    const svc = assertOk(await b.server.request('GET', nsPath('default', 'services', 'kubernetes')));
    assert.equal(svc.spec.clusterIP, '10.96.0.1');
    assert.equal(svc.spec.ports[0].port, 443);
  });

  test('ClusterIPs are allocated from 10.96.0.0/12, unique, never .1 or .10', async () => {
    const ns = await b.namespace();
    const ips = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const svc = assertOk(await b.server.request('POST', nsPath(ns, 'services'), service(`s${i}`)), 201);
      const ip = svc.spec.clusterIP as string;
      assert.ok(inServiceCidr(ip), `${ip} in 10.96.0.0/12`);
      assert.ok(!['10.96.0.0', '10.96.0.1', '10.96.0.10'].includes(ip), `${ip} is reserved`);
      assert.deepEqual(svc.spec.clusterIPs, [ip]);
      assert.ok(!ips.has(ip), `${ip} handed out twice`);
      ips.add(ip);
    }
  });

  test('a requested clusterIP in use → 422; a free one is granted', async () => {
    const ns = await b.namespace();
    const first = assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('a')), 201);
    const st = assertStatus(await b.server.request('POST', nsPath(ns, 'services'), service('b', { clusterIP: first.spec.clusterIP })), 422, 'Invalid');
    assert.ok(st.details.causes.some((c: any) => c.field.startsWith('spec.clusterIP')), JSON.stringify(st.details.causes));
    assertStatus(await b.server.request('POST', nsPath(ns, 'services'), service('c', { clusterIP: '10.96.0.1' })), 422, 'Invalid');
    const granted = assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('d', { clusterIP: '10.100.200.7' })), 201);
    assert.equal(granted.spec.clusterIP, '10.100.200.7');
    assertStatus(await b.server.request('POST', nsPath(ns, 'services'), service('e', { clusterIP: '192.168.0.1' })), 422, 'Invalid');
  });

  test('a released clusterIP can be requested again after delete', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('r1', { clusterIP: '10.100.0.99' })), 201);
    assertOk(await b.server.request('DELETE', nsPath(ns, 'services', 'r1')));
    const again = assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('r2', { clusterIP: '10.100.0.99' })), 201);
    assert.equal(again.spec.clusterIP, '10.100.0.99');
  });

  test('NodePort allocated in 30000-32767, conflicts → 422, released on delete', async () => {
    const ns = await b.namespace();
    const np = assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('np', { type: 'NodePort' })), 201);
    const port = np.spec.ports[0].nodePort as number;
    assert.ok(Number.isInteger(port) && port >= 30000 && port <= 32767, `nodePort ${port}`);
    const ports = [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: port }];
    assertStatus(await b.server.request('POST', nsPath(ns, 'services'), service('np2', { type: 'NodePort', ports })), 422, 'Invalid');
    const out = [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 29999 }];
    assertStatus(await b.server.request('POST', nsPath(ns, 'services'), service('np3', { type: 'NodePort', ports: out })), 422, 'Invalid');
    assertOk(await b.server.request('DELETE', nsPath(ns, 'services', 'np')));
    const again = assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('np4', { type: 'NodePort', ports })), 201);
    assert.equal(again.spec.ports[0].nodePort, port);
  });

  test('a ClusterIP service has no nodePort', async () => {
    const ns = await b.namespace();
    const ports = [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30123 }];
    const res = await b.server.request('POST', nsPath(ns, 'services'), service('cip', { type: 'ClusterIP', ports }));
    if (res.status === 201) assert.equal(res.json.spec.ports[0].nodePort, undefined);
    else assertStatus(res, 422, 'Invalid');
  });
});
