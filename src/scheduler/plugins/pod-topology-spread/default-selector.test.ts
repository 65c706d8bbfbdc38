import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../../client/interface.js';
import { makePod } from '../../testing/wrappers.js';
import { defaultSelector, spreadListers } from './default-selector.js';
import { testHandle, type Workloads } from './testing.js';

const obj = (apiVersion: string, kind: string, name: string, spec: unknown, namespace = 'default'): KubeObject & { spec: unknown } => ({
  apiVersion,
  kind,
  metadata: { name, namespace },
  spec,
});
const svc = (name: string, selector: Record<string, string> | undefined, ns?: string): KubeObject =>
  obj('v1', 'Service', name, selector ? { selector } : {}, ns);
const owned = (pod: Pod, apiVersion: string, kind: string, name: string): Pod => {
  pod.metadata!.ownerReferences = [{ apiVersion, kind, name, uid: `uid-${name}`, controller: true }];
  return pod;
};
const base = (): Pod => makePod('p').label('app', 'web').label('tier', 'front').obj();

const cases: { name: string; pod: Pod; workloads: Workloads; want: string }[] = [
  { name: 'nothing selects the pod', pod: base(), workloads: {}, want: '' },
  { name: 'a Service selecting the pod', pod: base(), workloads: { services: [svc('s', { app: 'web' })] }, want: 'app=web' },
  {
    name: 'Services are merged; non-matching, selector-less and other-namespace ones are not',
    pod: base(),
    workloads: {
      services: [svc('s1', { app: 'web' }), svc('s2', { tier: 'front' }), svc('s3', { app: 'db' }), svc('s4', undefined), svc('s5', { app: 'web', x: 'y' }, 'other')],
    },
    want: 'app=web,tier=front',
  },
  {
    name: 'the controlling ReplicaSet adds its selector',
    pod: owned(base(), 'apps/v1', 'ReplicaSet', 'rs'),
    workloads: {
      services: [svc('s', { app: 'web' })],
      replicaSets: [obj('apps/v1', 'ReplicaSet', 'rs', { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] } })],
    },
    want: 'app=web,tier in (front)',
  },
  {
    name: 'the controlling StatefulSet adds its selector',
    pod: owned(base(), 'apps/v1', 'StatefulSet', 'ss'),
    workloads: { statefulSets: [obj('apps/v1', 'StatefulSet', 'ss', { selector: { matchLabels: { app: 'web' } } })] },
    want: 'app=web',
  },
  {
    name: 'the controlling ReplicationController merges its selector map',
    pod: owned(base(), 'v1', 'ReplicationController', 'rc'),
    workloads: { replicationControllers: [obj('v1', 'ReplicationController', 'rc', { selector: { tier: 'front' } })] },
    want: 'tier=front',
  },
  {
    name: 'an owner that is not in the cache adds nothing',
    pod: owned(base(), 'apps/v1', 'ReplicaSet', 'gone'),
    workloads: { services: [svc('s', { app: 'web' })] },
    want: 'app=web',
  },
  {
    name: 'a ReplicaSet owner of another API version is not recognised',
    pod: owned(base(), 'extensions/v1beta1', 'ReplicaSet', 'rs'),
    workloads: { replicaSets: [obj('apps/v1', 'ReplicaSet', 'rs', { selector: { matchLabels: { app: 'web' } } })] },
    want: '',
  },
];

for (const c of cases) {
  test(`defaultSelector: ${c.name}`, () => {
    const listers = spreadListers(testHandle([], [], c.workloads).informers);
    assert.equal(defaultSelector(listers, c.pod).toString(), c.want);
  });
}
