/**
 * A small fake Handle for the DefaultPreemption tests: a fixed snapshot, a FakeClient seeded with the pods and
 * PodDisruptionBudgets (its informers list them), a FakeRecorder, a FakeClock, an in-memory nominator, and
 * filters from real plugins (NodeResourcesFit and NodePorts) run with nominated pods as the runtime does.
 * `extensionCalls` records the PreFilter AddPod/RemovePod calls, to check the what-if keeps the state in step.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { FakeClient } from '../../../client/fake/client.js';
import { FakeInformerFactory } from '../../../client/fake/informers.js';
import type { KubeObject } from '../../../client/interface.js';
import { FakeRecorder } from '../../../client/record/fake.js';
import { FakeClock } from '../../../machinery/clock/clock.js';
import { nopLogger } from '../../../machinery/log/logger.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, NodeToStatusMap, PreFilterPlugin, WaitingPod } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import { PodInfo, type NodeInfo, type P } from '../../framework/types.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { factory as fitFactory } from '../node-resources-fit/index.js';
import { NodePorts } from '../node-ports/index.js';
import { podPriority } from './importance.js';

type Plugin = PreFilterPlugin & FilterPlugin;

export interface HarnessOptions {
  pods?: Pod[];
  nodes: Node[];
  pdbs?: PodDisruptionBudget[];
  /** Pods nominated to nodes (by their status.nominatedNodeName). */
  nominated?: Pod[];
  waitingPods?: WaitingPod[];
}

export interface Harness {
  handle: Handle;
  client: FakeClient;
  recorder: FakeRecorder;
  clock: FakeClock;
  extensionCalls: string[];
  /** PreFilter for `pod` (as the scheduling cycle would have run it). */
  preFilter(pod: P): CycleState;
  /** The Filter verdict of every node for `pod`, as the failed scheduling attempt saw it. */
  filterStatuses(state: CycleState, pod: P): NodeToStatusMap;
}

export function makePDB(name: string, matchLabels: Record<string, string>, disruptionsAllowed: number, namespace = 'default'): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace },
    spec: { selector: { matchLabels } },
    status: { disruptionsAllowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, observedGeneration: 0 },
  };
}

const asKube = (o: object): KubeObject => o as KubeObject;

function runFilters(plugins: readonly Plugin[], state: CycleState, pod: P, info: NodeInfo): Status {
  for (const pl of plugins) {
    if (state.skipFilterPlugins.has(pl.name)) continue;
    const s = pl.filter(state, pod, info);
    if (!s.isSuccess()) return s.withPlugin(pl.name);
  }
  return Status.SUCCESS;
}

export function newHarness(o: HarnessOptions): Harness {
  const pods = o.pods ?? [];
  const nominated = o.nominated ?? [];
  const client = new FakeClient({ objects: [...pods, ...nominated, ...(o.pdbs ?? [])].map(asKube) });
  const informers = new FakeInformerFactory(client);
  const recorder = new FakeRecorder();
  const clock = new FakeClock(new Date('2026-01-02T00:00:00Z'));
  const snapshot = newTestSnapshot(pods, o.nodes);
  const plugins: Plugin[] = [fitFactory({}, undefined as never) as Plugin, new NodePorts()];
  const extensionCalls: string[] = [];
  const nominatedFor = (node: string): PodInfo[] =>
    nominated.filter((p) => p.status?.nominatedNodeName === node).map((p) => new PodInfo(p));

  const handle: Handle = {
    snapshot: () => snapshot,
    client,
    informers,
    clock,
    recorder,
    logger: nopLogger,
    nominator: { nominatedPodsForNode: nominatedFor },
    namespaceLabels: () => undefined,
    getWaitingPod: (uid) => o.waitingPods?.find((w) => w.pod.metadata?.uid === uid),
    parallelism: 16,
    runFilterPluginsWithNominatedPods(state, pod, info) {
      // Nominated pods of equal or higher priority hold their room: filter with them, then without.
      const betters = nominatedFor(info.name).filter((pi) => podPriority(pi.pod) >= podPriority(pod) && pi.pod.metadata?.uid !== pod.metadata?.uid);
      if (betters.length > 0) {
        const withThem = info.clone();
        for (const pi of betters) withThem.addPodInfo(pi);
        const s = runFilters(plugins, state, pod, withThem);
        if (!s.isSuccess()) return s;
      }
      return runFilters(plugins, state, pod, info);
    },
    runPreFilterExtensionAddPod(_state, _pod, pi, info) {
      extensionCalls.push(`add ${pi.pod.metadata?.name} ${info.name}`);
      return Status.SUCCESS;
    },
    runPreFilterExtensionRemovePod(_state, _pod, pi, info) {
      extensionCalls.push(`remove ${pi.pod.metadata?.name} ${info.name}`);
      return Status.SUCCESS;
    },
  };

  return {
    handle,
    client,
    recorder,
    clock,
    extensionCalls,
    preFilter(pod) {
      const state = new CycleState();
      for (const pl of plugins) if (pl.preFilter(state, pod, snapshot.list()).status.isSkip()) state.skipFilterPlugins.add(pl.name);
      return state;
    },
    filterStatuses(state, pod) {
      const m: NodeToStatusMap = new Map();
      for (const info of snapshot.list()) {
        const s = handle.runFilterPluginsWithNominatedPods(state, pod, info);
        if (!s.isSuccess()) m.set(info.name, s);
      }
      return m;
    },
  };
}
