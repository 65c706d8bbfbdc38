import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AdmissionAttributes } from '../../../apiserver/admission/interface.js';
import type { KObject } from '../../../apiserver/registry/resource.js';
import { StatusError } from '../../../machinery/errors/status.js';
import { priorityAdmission } from './priority-admission.js';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra }) as KObject;

function admitter(classes: KObject[]) {
  const plugin = priorityAdmission({ get: async (n) => classes.find((c) => c.metadata.name === n), list: async () => classes });
  return async (spec: Record<string, unknown>) => {
    const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [], ...spec } } as KObject;
    const a = { operation: 'CREATE', info: { group: '', resource: 'pods' }, subresource: '', namespace: 'ns', name: 'p', object, ctx: { dryRun: false } } as unknown as AdmissionAttributes;
    await plugin.admit!(a);
    return object['spec'] as Record<string, unknown>;
  };
}

const forbidden = (message: string) => (err: unknown) => err instanceof StatusError && err.code === 403 && err.message === `pods "p" is forbidden: ${message}`;

test('priority admission: the class gives value and preemption policy; no class → 0, or the global default', async () => {
  const admit = admitter([pc('high', 1000, { preemptionPolicy: 'Never' })]);
  assert.deepEqual(await admit({ priorityClassName: 'high' }), { containers: [], priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' });
  assert.deepEqual(await admit({}), { containers: [], priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
  assert.equal((await admit({ priorityClassName: 'system-node-critical' }))['priority'], 2000001000);
  const withDefault = admitter([pc('high', 1000), pc('dflt', 7, { globalDefault: true })]);
  assert.deepEqual(await withDefault({}), { containers: [], priorityClassName: 'dflt', priority: 7, preemptionPolicy: 'PreemptLowerPriority' });
});

test('priority admission: a missing class or a conflicting priority/preemptionPolicy is refused as upstream', async () => {
  const admit = admitter([pc('high', 1000)]);
  await assert.rejects(admit({ priorityClassName: 'nope' }), forbidden('no PriorityClass with name nope was found'));
  await assert.rejects(
    admit({ priorityClassName: 'high', priority: 5 }),
    forbidden('the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name'),
  );
  await assert.rejects(
    admit({ priorityClassName: 'high', preemptionPolicy: 'Never' }),
    forbidden('the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name'),
  );
  assert.equal((await admit({ priorityClassName: 'high', priority: 1000 }))['priority'], 1000, 'a matching value is accepted');
});
