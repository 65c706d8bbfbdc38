/**
 * The StatefulSet controller inside `k8ts up --hollow-nodes 3`, driven by the real kubectl (SQLite and etcd):
 * OrderedReady creation one ordinal at a time behind a headless service, the claims of a volumeClaimTemplate
 * (`data-web-<ordinal>`, kept across scale-down and reused on scale-up), reverse-order scale-down, Parallel pod
 * management, a partitioned RollingUpdate after `kubectl set image`, and a deleted pod coming back under its name.
 *
 * Order is judged from kubectl's own watch (`kubectl get pods -w -o json --output-watch-events`): one watch stream
 * delivers the events of a namespace in resourceVersion order, so "web-1 was created after web-0 was Running and
 * Ready" means the ADDED event of web-1 comes after an event that showed web-0 Running and Ready.
 *
 * The hollow kubelets run pods on the fake runtime; the claims stay Pending (no provisioner) and the kubelet does
 * not wait for them. The scheduler of `k8ts up` places the pods on the
 * hollow nodes.
 */
import assert from 'node:assert/strict';
import { before } from 'node:test';
import { assertIncludes, describeBackends, poll, row, type E2E } from './support/suite.js';
import type { BackgroundKubectl } from './support/kubectl.js';

const NODES = 3;
const ROLLOUT = ['--timeout=60s'];
const ROLLOUT_CALL = { timeoutMs: 70_000 };
const REVISION_LABEL = 'controller-revision-hash';

// ---------------------------------------------------------------------------------------------------------------
// Manifests

interface SetOptions {
  replicas?: number;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  partition?: number;
  annotations?: Record<string, string>;
  /** Mount the claim `data` into the container (the canonical StatefulSet shape). */
  mountData?: boolean;
}

/**
 * Claims of a WaitForFirstConsumer class: the scheduler places their pods before any volume exists (an unclassed
 * claim would be "unbound immediate" and keep its pod Pending, as upstream). No provisioner serves the class yet,
 * so the claims stay Pending; the hollow kubelet does not mount volumes.
 */
const STORAGE_CLASS = 'e2e-wait-for-consumer';
const CLAIM_TEMPLATE = {
  metadata: { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: STORAGE_CLASS, resources: { requests: { storage: '1Gi' } } },
};

/** A headless service `web` and the StatefulSet `web` (app=web, image nginx:1.25, claim template `data`). */
function webManifest(o: SetOptions = {}): string {
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
  };
  const container: Record<string, unknown> = { name: 'nginx', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 80 }] };
  if (o.mountData) container['volumeMounts'] = [{ name: 'data', mountPath: '/usr/share/nginx/html' }];
  const set = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'web',
      replicas: o.replicas ?? 3,
      ...(o.podManagementPolicy ? { podManagementPolicy: o.podManagementPolicy } : {}),
      ...(o.partition !== undefined ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: o.partition } } } : {}),
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { containers: [container] },
      },
      volumeClaimTemplates: [CLAIM_TEMPLATE],
    },
  };
  return [service, set].map((d) => JSON.stringify(d)).join('\n---\n');
}

async function createWeb(x: E2E, o: SetOptions = {}): Promise<void> {
  const out = await x.ok(['apply', '-f', x.file('web.yaml', webManifest(o))]);
  assert.equal(out, 'service/web created\nstatefulset.apps/web created\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Pods

const isReady = (p: any): boolean => (p?.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const isRunningAndReady = (p: any): boolean => p?.status?.phase === 'Running' && isReady(p);
const isTerminating = (p: any): boolean => Boolean(p?.metadata?.deletionTimestamp);
const ordinalOf = (name: string): number => Number(/-(\d+)$/.exec(name)?.[1] ?? NaN);
const webNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `web-${i}`);

/** The pods of the set by name (app=web). */
async function podsByName(x: E2E): Promise<Map<string, any>> {
  const list = await x.json(['pods', '-l', 'app=web']);
  return new Map(list.items.map((p: any) => [p.metadata.name as string, p]));
}

/**
 * The pods when the set has settled at `n` replicas: exactly web-0..n-1, all Running and Ready and none terminating,
 * and the status observed the current generation with `n` replicas, all ready; false otherwise.
 */
async function settled(x: E2E, n: number): Promise<Map<string, any> | false> {
  const set = await x.json(['statefulset', 'web']);
  const st = set.status ?? {};
  if (st.observedGeneration !== set.metadata.generation || st.replicas !== n || (st.readyReplicas ?? 0) !== n) return false;
  const pods = await podsByName(x);
  if (JSON.stringify([...pods.keys()].sort()) !== JSON.stringify(webNames(n))) return false;
  return [...pods.values()].every((p) => isRunningAndReady(p) && !isTerminating(p)) ? pods : false;
}

function waitSettled(x: E2E, n: number, timeoutMs = 45_000): Promise<Map<string, any>> {
  return poll(`statefulset web settled at ${n} Running and Ready pods`, () => settled(x, n), timeoutMs);
}

const uids = (pods: Map<string, any>): Record<string, string> =>
  Object.fromEntries([...pods].map(([name, p]) => [name, p.metadata.uid as string]).sort(([a], [b]) => a!.localeCompare(b!)));

// ---------------------------------------------------------------------------------------------------------------
// kubectl's watch

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/** The complete top-level JSON values in `text` (kubectl prints one pretty-printed object per event). */
function parseJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' || ch === ']') {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

interface PodWatch {
  /** The events so far (complete ones only). */
  events(): WatchEvent[];
  /** Stops kubectl and returns every event it printed. */
  stop(): Promise<WatchEvent[]>;
}

/**
 * `kubectl get pods -l app=web -w -o json --output-watch-events`, started in the background; resolves once kubectl
 * has listed the pods and its watch request was answered (seen in its `-v=6` request log), so every change made
 * after this returns is in the stream.
 */
async function watchPods(x: E2E): Promise<PodWatch> {
  const bg: BackgroundKubectl = x.bg(['get', 'pods', '-l', 'app=web', '-w', '-o', 'json', '--output-watch-events', '-v=6'], { timeoutMs: 85_000 });
  await poll('kubectl get pods -w to open its watch', async () => {
    if (bg.child.exitCode !== null) assert.fail(`kubectl get -w exited early: ${bg.stderr}`);
    return /watch=true.*200 OK/.test(bg.stderr);
  });
  const events = (): WatchEvent[] => parseJsonStream(bg.stdout) as WatchEvent[];
  return {
    events,
    async stop() {
      bg.kill();
      await bg.done;
      return events();
    },
  };
}

/** The event stream as `TYPE name phase ready terminating revision` lines, for assertion messages. */
function describeEvents(events: WatchEvent[]): string {
  return events
    .map((e) => {
      const p = e.object;
      return [e.type, p?.metadata?.name, p?.status?.phase ?? '-', isReady(p) ? 'ready' : 'not-ready', isTerminating(p) ? 'terminating' : '-', p?.metadata?.labels?.[REVISION_LABEL] ?? '-', p?.metadata?.uid].join(' ');
    })
    .join('\n');
}

/** Replays the events; `visit` sees each event with the pods as they were just before it (latest state by name). */
function replay(events: WatchEvent[], visit: (e: WatchEvent, before: ReadonlyMap<string, any>, index: number) => void): void {
  const live = new Map<string, any>();
  events.forEach((e, i) => {
    visit(e, live, i);
    if (e.type === 'DELETED') live.delete(e.object.metadata.name);
    else if (e.type === 'ADDED' || e.type === 'MODIFIED') live.set(e.object.metadata.name, e.object);
  });
}

/**
 * OrderedReady creation: for every pod created after the first `skip` events (the watch's initial list), its
 * predecessor ordinal was Running, Ready and not terminating, and no higher ordinal existed.
 */
function assertOrderedCreation(events: WatchEvent[], skip: number): string[] {
  const created: string[] = [];
  replay(events, (e, before, i) => {
    if (e.type !== 'ADDED' || i < skip) return;
    const name: string = e.object.metadata.name;
    const ord = ordinalOf(name);
    created.push(name);
    if (ord > 0) {
      const prev = before.get(`web-${ord - 1}`);
      assert.ok(prev && isRunningAndReady(prev) && !isTerminating(prev), `${name} was created (event ${i}) before web-${ord - 1} was Running and Ready:\n${describeEvents(events)}`);
    }
    const higher = [...before.keys()].filter((n) => ordinalOf(n) > ord);
    assert.deepEqual(higher, [], `${name} was created (event ${i}) while higher ordinals existed:\n${describeEvents(events)}`);
  });
  return created;
}

/** Index of the first event showing `name` terminating or deleted (optionally only for the pod `uid`); -1 if none. */
function firstTermination(events: WatchEvent[], name: string, uid?: string): number {
  return events.findIndex((e) => e.object?.metadata?.name === name && (uid === undefined || e.object.metadata.uid === uid) && (e.type === 'DELETED' || isTerminating(e.object)));
}

function indexOf(events: WatchEvent[], type: WatchEvent['type'], name: string, uid?: string): number {
  return events.findIndex((e) => e.type === type && e.object?.metadata?.name === name && (uid === undefined || e.object.metadata.uid === uid));
}

// ---------------------------------------------------------------------------------------------------------------
// Claims

async function claimsByName(x: E2E): Promise<Map<string, any>> {
  const list = await x.json(['persistentvolumeclaims']);
  return new Map(list.items.map((c: any) => [c.metadata.name as string, c]));
}

/** Every pod's volume `data` names its own claim `data-<pod>`. */
function assertPodVolumes(pods: Map<string, any>): void {
  for (const [name, p] of pods) {
    const vol = (p.spec.volumes ?? []).find((v: any) => v.name === 'data');
    assert.deepEqual(vol, { name: 'data', persistentVolumeClaim: { claimName: `data-${name}` } }, `volumes of ${name}: ${JSON.stringify(p.spec.volumes)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------

describeBackends(
  'controllers: statefulsets',
  (s) => {
    before(async () => {
      const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: STORAGE_CLASS }, provisioner: 'k8ts.io/none', volumeBindingMode: 'WaitForFirstConsumer' };
      const r = await s.cluster.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(sc) });
      assert.equal(r.code, 0, r.stderr);
    });

    s.e2e('OrderedReady: web-0, web-1, web-2 created strictly in order; claims data-web-N; headless service; rollout status', async (x) => {
      const watch = await watchPods(x);
      await createWeb(x);
      const st = await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL);
      // The defaulted updateStrategy has rollingUpdate.partition 0, so kubectl reports a partitioned roll out.
      assertIncludes(st, 'partitioned roll out complete: 3 new pods have been updated...');
      const pods = await waitSettled(x, 3);
      const events = await watch.stop();

      // Strict order: one ADDED per ordinal, ascending, each after its predecessor was Running and Ready.
      const created = assertOrderedCreation(events, 0);
      assert.deepEqual(created, ['web-0', 'web-1', 'web-2'], describeEvents(events));

      // The stable identity of each pod.
      const set = await x.json(['statefulset', 'web']);
      for (const [name, p] of pods) {
        assert.equal(p.spec.hostname, name);
        assert.equal(p.spec.subdomain, 'web');
        assert.equal(p.metadata.labels['statefulset.kubernetes.io/pod-name'], name);
        assert.equal(p.metadata.labels['apps.kubernetes.io/pod-index'], String(ordinalOf(name)));
        assert.equal(p.metadata.labels[REVISION_LABEL], set.status.updateRevision);
        assert.deepEqual(p.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.uid, o.controller]), [['StatefulSet', 'web', set.metadata.uid, true]]);
        assert.match(p.spec.nodeName, /^hollow-node-[0-2]$/);
      }
      assertPodVolumes(pods);

      // One claim per ordinal, with the template's (defaulted) spec and the selector's labels; Pending, not owned.
      const template = set.spec.volumeClaimTemplates[0];
      assert.equal(template.spec.volumeMode, 'Filesystem', 'the API server defaults the claim template');
      const claims = await claimsByName(x);
      assert.deepEqual([...claims.keys()].sort(), ['data-web-0', 'data-web-1', 'data-web-2']);
      for (const c of claims.values()) {
        assert.deepEqual(c.spec, template.spec, `spec of ${c.metadata.name}`);
        assert.deepEqual(c.spec.accessModes, ['ReadWriteOnce']);
        assert.equal(c.spec.resources.requests.storage, '1Gi');
        assert.deepEqual(c.metadata.labels, { app: 'web' });
        assert.equal(c.metadata.ownerReferences, undefined, 'whenDeleted/whenScaled Retain: no owner');
        assert.equal(c.status.phase, 'Pending');
      }

      // Status and table.
      assert.equal(set.spec.podManagementPolicy, 'OrderedReady');
      assert.deepEqual(set.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
      const ss = set.status;
      assert.deepEqual([ss.replicas, ss.readyReplicas, ss.availableReplicas, ss.currentReplicas, ss.updatedReplicas], [3, 3, 3, 3, 3]);
      assert.equal(ss.currentRevision, ss.updateRevision);
      assert.match(ss.updateRevision, /^web-[a-z0-9]+$/);
      const revs = await x.json(['controllerrevisions']);
      assert.deepEqual(revs.items.map((r: any) => [r.metadata.name, r.revision]), [[ss.updateRevision, 1]]);
      assert.equal(row(await x.ok(['get', 'statefulset', 'web']), 'web')?.['READY'], '3/3');

      // The headless service publishes the pods under their hostnames.
      assert.equal(row(await x.ok(['get', 'service', 'web']), 'web')?.['CLUSTER-IP'], 'None');
      await poll('Endpoints web lists web-0..2 with their hostnames', async () => {
        const ep = await x.json(['endpoints', 'web']);
        const addrs = (ep.subsets ?? []).flatMap((sub: any) => sub.addresses ?? []);
        const got = addrs.map((a: any) => `${a.hostname}=${a.targetRef?.name}`).sort();
        return JSON.stringify(got) === JSON.stringify(['web-0=web-0', 'web-1=web-1', 'web-2=web-2']);
      });

      // The controller's events name the claims and pods (upstream's wording).
      const evs = await x.ok(['get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet,involvedObject.name=web', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
      for (let i = 0; i < 3; i++) {
        assertIncludes(evs, `SuccessfulCreate: create Claim data-web-${i} Pod web-${i} in StatefulSet web success`);
        assertIncludes(evs, `SuccessfulCreate: create Pod web-${i} in StatefulSet web successful`);
      }
    });

    s.e2e('scale to 1 removes web-2 then web-1 and keeps their claims; scale to 3 reuses them', async (x) => {
      await createWeb(x);
      await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL);
      const before = await waitSettled(x, 3);
      const claims0 = await claimsByName(x);
      const claimUids = Object.fromEntries([...claims0].map(([n, c]) => [n, c.metadata.uid]));

      const down = await watchPods(x);
      assert.equal(await x.ok(['scale', 'statefulset/web', '--replicas=1']), 'statefulset.apps/web scaled\n');
      const after = await waitSettled(x, 1);
      const evDown = await down.stop();
      assert.equal(after.get('web-0').metadata.uid, before.get('web-0').metadata.uid, 'web-0 is untouched');

      // Reverse order: web-1 is not touched until web-2 is gone.
      const web2Gone = indexOf(evDown, 'DELETED', 'web-2');
      const web1Term = firstTermination(evDown, 'web-1');
      assert.ok(web2Gone >= 0 && web1Term >= 0, `both web-2 and web-1 deleted:\n${describeEvents(evDown)}`);
      assert.ok(firstTermination(evDown, 'web-2') < web2Gone);
      assert.ok(web1Term > web2Gone, `web-1 began terminating (event ${web1Term}) before web-2 was gone (event ${web2Gone}):\n${describeEvents(evDown)}`);
      assert.ok(indexOf(evDown, 'DELETED', 'web-1') > web1Term);
      assert.equal(firstTermination(evDown, 'web-0'), -1, `web-0 was deleted:\n${describeEvents(evDown)}`);
      assert.equal(evDown.filter((e, i) => i >= 3 && e.type === 'ADDED').length, 0, `no pod created while scaling down:\n${describeEvents(evDown)}`);

      // The claims stay, the same objects, not being deleted.
      const claims1 = await claimsByName(x);
      assert.deepEqual(Object.fromEntries([...claims1].map(([n, c]) => [n, c.metadata.uid])), claimUids);
      for (const c of claims1.values()) assert.equal(c.metadata.deletionTimestamp, undefined, `${c.metadata.name} is being deleted`);
      const set1 = await x.json(['statefulset', 'web']);
      assert.deepEqual([set1.status.replicas, set1.status.readyReplicas, set1.status.currentReplicas], [1, 1, 1]);

      // Scale up: web-1 then web-2 again, in order, on the same claims.
      const up = await watchPods(x);
      assert.equal(await x.ok(['scale', 'statefulset/web', '--replicas=3']), 'statefulset.apps/web scaled\n');
      assertIncludes(await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL), 'partitioned roll out complete: 3 new pods have been updated...');
      const again = await waitSettled(x, 3);
      const evUp = await up.stop();
      assert.deepEqual(assertOrderedCreation(evUp, 1), ['web-1', 'web-2'], describeEvents(evUp));
      for (const n of ['web-1', 'web-2']) assert.notEqual(again.get(n).metadata.uid, before.get(n).metadata.uid, `${n} is a new pod`);
      assertPodVolumes(again);
      const claims2 = await claimsByName(x);
      assert.deepEqual(Object.fromEntries([...claims2].map(([n, c]) => [n, c.metadata.uid])), claimUids, 'the same three claims, none created');
    });

    s.e2e('Parallel: all pods are created without waiting for their predecessors to be Ready', async (x) => {
      // The fake prober never reports these containers ready, so OrderedReady would stop at web-0.
      const watch = await watchPods(x);
      await createWeb(x, { podManagementPolicy: 'Parallel', annotations: { 'k8ts.io/fake-ready': 'false' } });
      const pods = await poll('web-0..2 Running (never Ready)', async () => {
        const m = await podsByName(x);
        const names = [...m.keys()].sort();
        return JSON.stringify(names) === JSON.stringify(webNames(3)) && [...m.values()].every((p) => p.status?.phase === 'Running') ? m : false;
      }, 45_000);
      await poll('status: 3 replicas, 0 ready', async () => {
        const set = await x.json(['statefulset', 'web']);
        const st = set.status ?? {};
        return st.observedGeneration === set.metadata.generation && st.replicas === 3 && (st.readyReplicas ?? 0) === 0;
      });
      const events = await watch.stop();
      const added = events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name).sort();
      assert.deepEqual(added, webNames(3), describeEvents(events));
      assert.ok(events.every((e) => !isReady(e.object)), `a pod was Ready:\n${describeEvents(events)}`);
      for (const p of pods.values()) assert.equal(isReady(p), false);
      assertPodVolumes(pods);
      assert.deepEqual([...(await claimsByName(x)).keys()].sort(), ['data-web-0', 'data-web-1', 'data-web-2']);
      assert.equal(row(await x.ok(['get', 'statefulset', 'web']), 'web')?.['READY'], '0/3');
    });

    s.e2e('RollingUpdate partition 2: set image replaces only web-2; lowering the partition rolls web-1 then web-0', async (x) => {
      await createWeb(x, { partition: 2 });
      await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL);
      const before = await waitSettled(x, 3);
      const set0 = await x.json(['statefulset', 'web']);
      const rev1: string = set0.status.currentRevision;
      assert.equal(set0.status.updateRevision, rev1);
      for (const p of before.values()) assert.equal(p.metadata.labels[REVISION_LABEL], rev1);

      const watch = await watchPods(x);
      assert.equal(await x.ok(['set', 'image', 'statefulset/web', 'nginx=nginx:1.27']), 'statefulset.apps/web image updated\n');
      assertIncludes(await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL), 'partitioned roll out complete: 1 new pods have been updated...');
      const set1 = await poll('status: web-2 updated, web-0 and web-1 current', async () => {
        const set = await x.json(['statefulset', 'web']);
        const st = set.status ?? {};
        return st.observedGeneration === set.metadata.generation && st.updateRevision !== rev1 && st.updatedReplicas === 1 && st.currentReplicas === 2 && st.readyReplicas === 3 ? set : false;
      }, 45_000);
      const rev2: string = set1.status.updateRevision;
      assert.equal(set1.status.currentRevision, rev1, 'the rollout is not complete below the partition');
      assert.match(rev2, /^web-[a-z0-9]+$/);
      const mid = await waitSettled(x, 3);
      const evUpdate = watch.events();

      const view = (pods: Map<string, any>): string[] => webNames(3).map((n) => `${n} ${pods.get(n).spec.containers[0].image} ${pods.get(n).metadata.labels[REVISION_LABEL] === rev2 ? 'rev2' : pods.get(n).metadata.labels[REVISION_LABEL] === rev1 ? 'rev1' : '?'}`);
      assert.deepEqual(view(mid), ['web-0 nginx:1.25 rev1', 'web-1 nginx:1.25 rev1', 'web-2 nginx:1.27 rev2']);
      assert.equal(mid.get('web-0').metadata.uid, before.get('web-0').metadata.uid, 'web-0 not replaced');
      assert.equal(mid.get('web-1').metadata.uid, before.get('web-1').metadata.uid, 'web-1 not replaced');
      assert.equal(firstTermination(evUpdate, 'web-0'), -1, describeEvents(evUpdate));
      assert.equal(firstTermination(evUpdate, 'web-1'), -1, describeEvents(evUpdate));
      assert.ok(indexOf(evUpdate, 'DELETED', 'web-2', before.get('web-2').metadata.uid) >= 0, describeEvents(evUpdate));
      const revs = await x.json(['controllerrevisions']);
      assert.deepEqual(revs.items.map((r: any) => [r.metadata.name, r.revision]).sort((a: any, b: any) => a[1] - b[1]), [[rev1, 1], [rev2, 2]]);

      // Partition 0: the rest rolls from the highest ordinal down, each after the previous replacement is Ready.
      await x.ok(['patch', 'statefulset/web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}']);
      assertIncludes(await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL), 'partitioned roll out complete: 3 new pods have been updated...');
      await poll('status: rollout complete at rev2', async () => {
        const set = await x.json(['statefulset', 'web']);
        const st = set.status ?? {};
        return st.observedGeneration === set.metadata.generation && st.currentRevision === rev2 && st.updateRevision === rev2 && st.currentReplicas === 3 && st.updatedReplicas === 3;
      }, 45_000);
      const done = await waitSettled(x, 3);
      const events = await watch.stop();
      assert.deepEqual(view(done), ['web-0 nginx:1.27 rev2', 'web-1 nginx:1.27 rev2', 'web-2 nginx:1.27 rev2']);
      assert.equal(done.get('web-2').metadata.uid, mid.get('web-2').metadata.uid, 'web-2 (already updated) not replaced again');
      const old1 = before.get('web-1').metadata.uid;
      const old0 = before.get('web-0').metadata.uid;
      const new1Ready = events.findIndex((e) => e.object?.metadata?.name === 'web-1' && e.object.metadata.uid !== old1 && isRunningAndReady(e.object));
      const old0Term = firstTermination(events, 'web-0', old0);
      assert.ok(firstTermination(events, 'web-1', old1) >= 0, describeEvents(events));
      assert.ok(indexOf(events, 'DELETED', 'web-1', old1) < new1Ready, describeEvents(events));
      assert.ok(new1Ready >= 0 && old0Term > new1Ready, `web-0 was deleted (event ${old0Term}) before the new web-1 was Ready (event ${new1Ready}):\n${describeEvents(events)}`);
    });

    s.e2e('kubectl delete pod web-1: recreated under the same name, identity and claim', async (x) => {
      await createWeb(x);
      await x.ok(['rollout', 'status', 'statefulset/web', ...ROLLOUT], ROLLOUT_CALL);
      const before = await waitSettled(x, 3);
      const claimUid = (await claimsByName(x)).get('data-web-1').metadata.uid;
      const oldUid: string = before.get('web-1').metadata.uid;

      const watch = await watchPods(x);
      // --wait=false: kubectl's own wait for the deletion (wait.IsDeleted) lists by name after its first GET and then
      // waits for a DELETED event; when the old pod is already gone at that list and the controller has recreated
      // web-1 before kubectl's cache-sync poll (100 ms) runs its by-name precondition, it sees the new web-1 and
      // waits for a deletion that never comes. The fake runtime stops a pod in milliseconds, so that window is hit
      // often here; the watch below shows the old pod's DELETED event instead.
      assert.equal(await x.ok(['delete', 'pod', 'web-1', '--wait=false']), 'pod "web-1" deleted\n');
      const after = await poll('web-1 back (a new pod) and the set settled', async () => {
        const pods = await settled(x, 3);
        return pods && pods.get('web-1').metadata.uid !== oldUid ? pods : false;
      }, 45_000);
      const events = await watch.stop();

      const web1 = after.get('web-1');
      assert.equal(web1.spec.hostname, 'web-1');
      assert.equal(web1.spec.subdomain, 'web');
      assert.equal(web1.metadata.labels['apps.kubernetes.io/pod-index'], '1');
      assertPodVolumes(after);
      assert.equal((await claimsByName(x)).get('data-web-1').metadata.uid, claimUid, 'the same claim');
      const u0 = uids(before);
      const u1 = uids(after);
      assert.deepEqual([u1['web-0'], u1['web-2']], [u0['web-0'], u0['web-2']], 'web-0 and web-2 untouched');
      // The old web-1 is gone before the new one is created (a name is never held by two pods).
      const gone = indexOf(events, 'DELETED', 'web-1', oldUid);
      const added = events.findIndex((e) => e.type === 'ADDED' && e.object.metadata.name === 'web-1' && e.object.metadata.uid !== oldUid);
      assert.ok(gone >= 0 && added > gone, describeEvents(events));
    });

    s.e2e(
      'a container may mount the claim template (volumeMounts name "data")',
      async (x) => {
        await createWeb(x, { replicas: 1, mountData: true });
        const pods = await waitSettled(x, 1);
        assert.deepEqual(pods.get('web-0').spec.containers[0].volumeMounts.find((m: any) => m.name === 'data')?.mountPath, '/usr/share/nginx/html');
        assertPodVolumes(pods);
      },
    );
  },
  ['--hollow-nodes', String(NODES)],
);
