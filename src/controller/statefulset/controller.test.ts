import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTROLLER_REVISIONS } from '../../client/resources.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/revisions.js';
import { NS, StatefulSetHarness, WWW_CLAIM, newSet } from './testing.js';
import { POD_INDEX_LABEL, POD_NAME_LABEL } from './types.js';

const revisionOf = (h: StatefulSetHarness, pod: string): string | undefined =>
  h.pods().find((p) => p.metadata?.name === pod)?.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];

const image = (h: StatefulSetHarness, pod: string): string | undefined =>
  h.pods().find((p) => p.metadata?.name === pod)?.spec?.containers[0]?.image;

interface Case {
  name: string;
  run(): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'OrderedReady creates the claim then the pod, one ordinal at a time, each only after its predecessor is Ready',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 3, { volumeClaimTemplates: [WWW_CLAIM] }));
      await h.pass();
      const writes = h.takeWrites();
      assert.deepEqual(writes.filter((w) => !w.startsWith('create controllerrevisions')), [
        'create persistentvolumeclaims www-web-0', 'create pods web-0', 'update statefulsets/status web',
      ]);
      assert.deepEqual(h.recorder.events, [
        'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
        'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      ]);
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0'], 'web-1 waits while web-0 is not Ready');
      h.markReady('web-0');
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0', 'web-1']);
      assert.deepEqual(h.claims().map((c) => c.metadata?.name).sort(), ['www-web-0', 'www-web-1']);
      h.markReady('web-1');
      await h.pass();
      h.markReady('web-2');
      await h.pass();
      const s = h.set().status!;
      assert.deepEqual([s.replicas, s.readyReplicas, s.availableReplicas, s.currentReplicas, s.updatedReplicas, s.observedGeneration], [3, 3, 3, 3, 3, 1]);
      assert.equal(s.currentRevision, s.updateRevision);
    },
  },
  {
    name: 'a pod gets the stable identity: name, pod-name and pod-index labels, hostname, subdomain, claim volume, revision',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 1, { volumeClaimTemplates: [WWW_CLAIM] }));
      await h.pass();
      const pod = h.pods()[0]!;
      const rev = h.client.tracker.list(CONTROLLER_REVISIONS, NS)[0]!;
      assert.equal(pod.metadata?.labels?.[POD_NAME_LABEL], 'web-0');
      assert.equal(pod.metadata?.labels?.[POD_INDEX_LABEL], '0');
      assert.equal(pod.metadata?.labels?.app, 'nginx');
      assert.equal(pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL], rev.metadata?.name);
      assert.match(rev.metadata?.name ?? '', /^web-[a-z0-9]+$/);
      assert.equal((rev as { revision?: number }).revision, 1);
      assert.equal(pod.spec?.hostname, 'web-0');
      assert.equal(pod.spec?.subdomain, 'nginx');
      assert.deepEqual(pod.spec?.volumes, [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
      assert.deepEqual(pod.metadata?.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [['StatefulSet', 'web', true]]);
      assert.deepEqual(h.claims()[0]?.metadata?.labels, { app: 'nginx' });
      assert.equal(h.set().status?.currentRevision, rev.metadata?.name);
    },
  },
  {
    name: 'Parallel creates every ordinal in one pass without waiting for readiness',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 3, { podManagementPolicy: 'Parallel' }));
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0', 'web-1', 'web-2']);
    },
  },
  {
    name: 'scale down removes the highest ordinal first, one at a time, and keeps the claims',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 3, { volumeClaimTemplates: [WWW_CLAIM] }));
      await h.settleReady();
      h.editSet((s) => (s.spec!.replicas = 1));
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => w.startsWith('delete')), ['delete pods web-2']);
      assert.deepEqual(h.recorder.events.at(-1), 'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful');
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => w.startsWith('delete')), ['delete pods web-1']);
      assert.deepEqual(h.podNames(), ['web-0']);
      assert.deepEqual(h.claims().map((c) => c.metadata?.name).sort(), ['www-web-0', 'www-web-1', 'www-web-2']);
      await h.pass();
      assert.equal(h.set().status?.replicas, 1);
    },
  },
  {
    name: 'scale down waits while a remaining pod is not Ready',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 3));
      await h.settleReady();
      h.editSet((s) => (s.spec!.replicas = 2));
      h.setPhase('web-0', 'Failed');
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => w.startsWith('delete')), ['delete pods web-0'], 'the failed web-0 is recreated first');
      assert.equal(h.recorder.events.at(-2), 'Warning RecreatingFailedPod StatefulSet default/web is recreating failed Pod web-0');
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0', 'web-1', 'web-2'], 'web-0 is back; web-2 stays until web-0 is Ready');
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0', 'web-1', 'web-2']);
      h.markReady('web-0');
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0', 'web-1']);
    },
  },
  {
    name: 'RollingUpdate with partition 1 replaces from the highest ordinal, one at a time, and leaves ordinals below the partition',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 3));
      await h.settleReady();
      const rev1 = revisionOf(h, 'web-0');
      h.editSet((s) => {
        s.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
        s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } };
      });
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => w.startsWith('delete')), ['delete pods web-2']);
      await h.pass();
      assert.equal(image(h, 'web-2'), 'nginx:1.26');
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => w.startsWith('delete')), [], 'web-1 waits for the new web-2 to be Ready');
      h.markReady('web-2');
      await h.settleReady();
      assert.deepEqual(['web-0', 'web-1', 'web-2'].map((p) => image(h, p)), ['nginx:1.25', 'nginx:1.26', 'nginx:1.26']);
      const s = h.set().status!;
      assert.equal(s.currentRevision, rev1, 'the rollout is not complete below the partition');
      assert.notEqual(s.updateRevision, rev1);
      assert.deepEqual([s.currentReplicas, s.updatedReplicas], [1, 2]);
      h.editSet((set) => (set.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }));
      await h.settleReady();
      assert.equal(image(h, 'web-0'), 'nginx:1.26');
      assert.equal(h.set().status?.currentRevision, h.set().status?.updateRevision);
      assert.equal(h.set().status?.currentReplicas, 3);
    },
  },
  {
    name: 'with ordinals.start the partition counts from the start, as the pods it creates (upstream: both are offsets)',
    async run() {
      // Ordinals 5, 6, 7; partition 2 keeps the first two (web-5, web-6) at the current revision, as upstream's
      // updateMin (an index into the replicas) and newVersionedStatefulSetPod (ordinal < start + partition) agree.
      const h = new StatefulSetHarness(newSet('web', 3, { ordinals: { start: 5 } }));
      await h.settleReady();
      assert.deepEqual(h.podNames(), ['web-5', 'web-6', 'web-7']);
      const rev1 = revisionOf(h, 'web-5');
      h.editSet((s) => {
        s.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
        s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
      });
      await h.settleReady();
      assert.deepEqual(['web-5', 'web-6', 'web-7'].map((p) => image(h, p)), ['nginx:1.25', 'nginx:1.25', 'nginx:1.26']);
      assert.deepEqual(['web-5', 'web-6'].map((p) => revisionOf(h, p)), [rev1, rev1]);
      const s = h.set().status!;
      assert.deepEqual([s.currentRevision, s.currentReplicas, s.updatedReplicas], [rev1, 2, 1]);
      h.editSet((set) => (set.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }));
      await h.settleReady();
      assert.deepEqual(['web-5', 'web-6', 'web-7'].map((p) => image(h, p)), ['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
      assert.equal(h.set().status?.currentRevision, h.set().status?.updateRevision);
    },
  },
  {
    name: 'OnDelete never deletes for an update; a pod deleted by the user comes back at the update revision',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 2, { updateStrategy: { type: 'OnDelete' } }));
      await h.settleReady();
      h.editSet((s) => (s.spec!.template.spec!.containers[0]!.image = 'nginx:1.26'));
      await h.settleReady();
      assert.deepEqual(['web-0', 'web-1'].map((p) => image(h, p)), ['nginx:1.25', 'nginx:1.25']);
      await h.client.delete({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true }, NS, 'web-1');
      await h.settleReady();
      assert.deepEqual(['web-0', 'web-1'].map((p) => image(h, p)), ['nginx:1.25', 'nginx:1.26']);
      assert.deepEqual([h.set().status?.currentReplicas, h.set().status?.updatedReplicas], [1, 1]);
    },
  },
  {
    name: 'minReadySeconds: the next ordinal waits until its predecessor has been Ready that long (fake clock)',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 2, { minReadySeconds: 10 }));
      await h.pass();
      h.markReady('web-0');
      const r = await h.pass();
      assert.deepEqual(r, { requeueAfter: 10_000 });
      assert.deepEqual(h.podNames(), ['web-0']);
      h.clock.step(10_001);
      await h.pass();
      assert.deepEqual(h.podNames(), ['web-0', 'web-1']);
    },
  },
  {
    name: 'whenScaled Delete hands a condemned pod\'s claims to the pod before deleting it',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 2, {
        volumeClaimTemplates: [WWW_CLAIM], persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
      }));
      await h.settleReady();
      const uid = h.pods().find((p) => p.metadata?.name === 'web-1')?.metadata?.uid;
      h.editSet((s) => (s.spec!.replicas = 1));
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => !w.startsWith('update statefulsets')), ['patch persistentvolumeclaims www-web-1', 'delete pods web-1']);
      const claim = h.claims().find((c) => c.metadata?.name === 'www-web-1');
      assert.deepEqual(claim?.metadata?.ownerReferences?.map((r) => [r.kind, r.uid]), [['Pod', uid]]);
    },
  },
  {
    name: 'revisionHistoryLimit trims the oldest unused revisions',
    async run() {
      const h = new StatefulSetHarness(newSet('web', 1, { revisionHistoryLimit: 1 }));
      for (const tag of ['1.25', '1.26', '1.27', '1.28']) {
        h.editSet((s) => (s.spec!.template.spec!.containers[0]!.image = `nginx:${tag}`));
        await h.settleReady();
      }
      const revs = h.client.tracker.list(CONTROLLER_REVISIONS, NS) as { revision: number }[];
      assert.deepEqual(revs.map((r) => r.revision).sort(), [3, 4]);
    },
  },
];

for (const c of cases) test(c.name, c.run);
