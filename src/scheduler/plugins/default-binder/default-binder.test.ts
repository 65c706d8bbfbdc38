import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../../../client/fake/index.js';
import type { KubeObject } from '../../../client/interface.js';
import { PODS } from '../../../client/resources.js';
import { isConflictStatus, isNotFoundStatus } from '../../../machinery/errors/status.js';
import { nopLogger } from '../../../machinery/log/logger.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { makePod } from '../../testing/wrappers.js';
import { DefaultBinder, factory, NAME } from './index.js';

const handle = (client: FakeClient): Handle => ({ client, logger: nopLogger }) as unknown as Handle;

const cases: { name: string; seeded: Pod[]; code: Code; err?: (e: unknown) => boolean }[] = [
  { name: 'successfully bound', seeded: [makePod('foo', 'ns').obj()], code: Code.Success },
  { name: 'pod already bound: the API server answers Conflict', seeded: [makePod('foo', 'ns').node('other').obj()], code: Code.Error, err: isConflictStatus },
  { name: 'pod gone', seeded: [], code: Code.Error, err: isNotFoundStatus },
];

for (const c of cases) {
  test(`DefaultBinder.bind: ${c.name}`, async () => {
    const client = new FakeClient({ objects: c.seeded as unknown as KubeObject[] });
    const binder = factory(undefined, handle(client)) as DefaultBinder;
    const pod = makePod('foo', 'ns').obj();
    const s = await binder.bind(new CycleState(), pod, 'node-1');
    assert.equal(s.code, c.code, s.toString());
    if (c.err) assert.ok(c.err(s.err), `unexpected error ${String(s.err)}`);
    const creates = client.actions.filter((a) => a.verb === 'create');
    assert.equal(creates.length, 1);
    assert.equal(creates[0]!.resource, 'pods');
    assert.equal(creates[0]!.namespace, 'ns');
    assert.equal(creates[0]!.name, 'foo');
    assert.equal(creates[0]!.subresource, 'binding');
    assert.deepEqual(creates[0]!.object, {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'foo', namespace: 'ns', uid: 'uid-ns-foo' },
      target: { kind: 'Node', name: 'node-1' },
    });
    if (c.code === Code.Success) {
      const bound = (await client.get(PODS, 'ns', 'foo')) as unknown as Pod;
      assert.equal(bound.spec?.nodeName, 'node-1');
    }
  });
}

test('factory builds DefaultBinder under its upstream name', () => {
  const plugin = factory(undefined, handle(new FakeClient()));
  assert.ok(plugin instanceof DefaultBinder);
  assert.equal(NAME, 'DefaultBinder');
  assert.equal(plugin.name, NAME);
});
