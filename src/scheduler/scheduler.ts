/**
 * The scheduler (upstream's Scheduler): one framework per profile, one cache + snapshot, one queue, the informer
 * wiring, and the loop — pop a pod, run its scheduling cycle (schedule-one.ts), hand the binding cycle
 * (binding-cycle.ts) to the background and go on. At most `maxConcurrentBindings` binding cycles run at once
 * (pods waiting at Permit do not count); when they are all busy the loop waits before scheduling the next pod.
 *
 * The caller starts the informer factory and waits for its caches before `run` (index.ts does).
 */
import type { Client } from '../client/interface.js';
import type { Informer, Lister, SharedInformerFactory } from '../client/informer/interface.js';
import type { EventRecorder } from '../client/record/interface.js';
import type { Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
import { BindingSlots } from './binding-slots.js';
import { runBindingCycle } from './binding-cycle.js';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { EVENT_ASSIGNED_POD_DELETE } from './cluster-events.js';
import type { KubeSchedulerConfiguration } from './config/types.js';
import type { CycleContext } from './cycle-context.js';
import { DiagnosisStore } from './diagnosis.js';
import { addAllEventHandlers, DEFAULT_SCHEDULER_NAME } from './event-handlers.js';
import type { EventResource, Registry } from './framework/interface.js';
import { Status } from './framework/status.js';
import type { P } from './framework/types.js';
import { EVENT_RESOURCES, LISTER_RESOURCES, NODES, PODS, schedulerInformerFactory, type NodeObject, type PodObject } from './informers.js';
import { NOP_METRICS, type SchedulerMetrics } from './metrics.js';
import type { QueueingHintMap } from './queue/hints.js';
import type { SchedulingQueue } from './queue/interface.js';
import type { PriorityQueueOptions } from './queue/options.js';
import { PriorityQueue } from './queue/queue.js';
import { Framework } from './runtime/framework.js';
import { WaitingPodsMap } from './runtime/waiting-pods.js';
import { scheduleOne } from './schedule-one.js';

/** Builds the scheduling queue; the default is the PriorityQueue of src/scheduler/queue. */
export type QueueFactory = (o: PriorityQueueOptions) => SchedulingQueue;

export const newPriorityQueue: QueueFactory = (o) => new PriorityQueue(o);

export interface SchedulerOptions {
  client: Client;
  /** The process's shared informer factory (the scheduler narrows its pods informer, see informers.ts). */
  informers: SharedInformerFactory;
  config: KubeSchedulerConfiguration;
  registry: Registry;
  /** Default: newPriorityQueue. */
  newQueue?: QueueFactory;
  clock: Clock;
  logger: Logger;
  /** The event recorder of a profile (upstream reports events as the profile's schedulerName). */
  recorderFor: (schedulerName: string) => EventRecorder;
  metrics?: SchedulerMetrics;
  /** Tie breaking between equal scores; Math.random by default. */
  random?: () => number;
  maxConcurrentBindings?: number;
  /** 0 (default): assumed pods never expire. */
  assumedPodTTLMs?: number;
  diagnoses?: DiagnosisStore;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Scheduler implements CycleContext {
  readonly client: Client;
  readonly cache: SchedulerCache;
  readonly snapshot = new Snapshot();
  readonly queue: SchedulingQueue;
  readonly profiles = new Map<string, Framework>();
  readonly podLister: Lister<PodObject>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: SchedulerMetrics;
  readonly diagnoses: DiagnosisStore;
  readonly random: () => number;
  readonly percentageOfNodesToScore: number;
  readonly informers: SharedInformerFactory;
  nextStartNodeIndex = 0;
  private readonly slots: BindingSlots;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: SchedulerOptions) {
    this.client = o.client;
    this.clock = o.clock;
    this.logger = o.logger;
    this.metrics = o.metrics ?? NOP_METRICS;
    this.diagnoses = o.diagnoses ?? new DiagnosisStore();
    this.random = o.random ?? Math.random;
    this.percentageOfNodesToScore = o.config.percentageOfNodesToScore;
    this.slots = new BindingSlots(o.maxConcurrentBindings);
    this.informers = schedulerInformerFactory(o.informers);
    this.cache = new SchedulerCache({ clock: o.clock, logger: o.logger, assumedPodTTLMs: o.assumedPodTTLMs ?? 0 });
    this.buildProfiles();
    this.queue = this.buildQueue();
    for (const fwk of this.profiles.values()) fwk.setPodNominator(this.queue);
    this.metrics.setPendingPodsSource(() => this.queue.counts());
    const pods = this.informers.informerFor<PodObject>(PODS);
    this.podLister = pods.lister;
    const others: Partial<Record<EventResource, Informer>> = {};
    for (const [resource, ref] of EVENT_RESOURCES) others[resource] = this.informers.informerFor(ref);
    for (const ref of LISTER_RESOURCES) this.informers.informerFor(ref);
    addAllEventHandlers(this, { pods, nodes: this.informers.informerFor<NodeObject>(NODES), others }, new Set(this.profiles.keys()));
  }

  private buildProfiles(): void {
    const waitingPods = new WaitingPodsMap();
    for (const profile of this.o.config.profiles) {
      const fwk = new Framework({
        registry: this.o.registry,
        profile,
        client: this.o.client,
        informers: this.informers,
        clock: this.o.clock,
        recorder: this.o.recorderFor(profile.schedulerName),
        logger: this.o.logger.child({ profile: profile.schedulerName }),
        snapshot: this.snapshot,
        waitingPods,
        parallelism: this.o.config.parallelism,
        metrics: this.metrics,
      });
      this.profiles.set(profile.schedulerName, fwk);
    }
    const sorts = new Set([...this.profiles.values()].map((f) => f.points.queueSort[0]!.name));
    if (sorts.size > 1) throw new Error(`queueSort must be the same for all profiles, got ${[...sorts].join(', ')}`);
  }

  private buildQueue(): SchedulingQueue {
    const first = this.profiles.values().next().value!;
    const profileQueueingHints = new Map<string, QueueingHintMap>();
    for (const [name, fwk] of this.profiles) profileQueueingHints.set(name, fwk.eventsToRegister());
    const newQueue = this.o.newQueue ?? newPriorityQueue;
    return newQueue({
      less: first.queueSortLess(),
      clock: this.o.clock,
      logger: this.o.logger.child({ component: 'scheduling-queue' }),
      // A pod of no profile of ours never reaches the queue (the informer handler filters them).
      preEnqueue: (pod) => this.frameworkForPod(pod)?.runPreEnqueuePlugins(pod) ?? Status.SUCCESS,
      profileQueueingHints,
      podInitialBackoffMs: this.o.config.podInitialBackoffSeconds * 1000,
      podMaxBackoffMs: this.o.config.podMaxBackoffSeconds * 1000,
      namespaceLabels: (ns) => first.namespaceLabels(ns),
    });
  }

  frameworkForPod(pod: P): Framework | undefined {
    return this.profiles.get(pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME);
  }

  /** Keeps background work (binding cycles, failure writes) visible to `drain`. */
  private readonly background = (p: Promise<void>): void => {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  };

  /**
   * Pops and schedules one pod; false once the queue is closed. The binding slot is taken after the pop, so that
   * an idle loop waiting for pods never holds a slot a binding cycle coming back from Permit needs.
   * Exposed for tests that step the loop.
   */
  async scheduleNext(): Promise<boolean> {
    const qpi = await this.queue.pop();
    if (!qpi) return false;
    await this.slots.acquire();
    let bound = false;
    try {
      const scheduled = await scheduleOne(this, qpi, this.background);
      if (scheduled) {
        bound = true;
        this.background(runBindingCycle(this, scheduled, this.slots));
      }
    } catch (e) {
      this.logger.error('Scheduling cycle failed', { err: String(e) });
    } finally {
      if (!bound) this.slots.release();
    }
    return true;
  }

  /** Resolves once every binding cycle and failure write started so far has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Schedules until `signal` aborts; then closes the queue and waits for the bindings in flight. */
  async run(signal: AbortSignal): Promise<void> {
    const onAbort = (): void => this.queue.close();
    signal.addEventListener('abort', onAbort, { once: true });
    const expiry = this.startAssumedPodExpiry(signal);
    try {
      while (!signal.aborted) {
        if (!(await this.scheduleNext())) break;
        // Let informer events, binding responses and timers run between pods.
        await yieldToEventLoop();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      expiry?.cancel();
      this.queue.close();
      await this.drain();
    }
  }

  /** With a TTL, assumed pods whose binding never showed up are dropped every second (upstream's cleanup loop). */
  private startAssumedPodExpiry(signal: AbortSignal): { cancel(): void } | undefined {
    if (!this.o.assumedPodTTLMs) return undefined;
    let timer: { cancel(): void } | undefined;
    const tick = (): void => {
      if (signal.aborted) return;
      for (const pod of this.cache.cleanupAssumedPods(this.clock.now().getTime())) {
        this.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, pod, undefined);
      }
      timer = this.clock.setTimeout(tick, 1000);
    };
    timer = this.clock.setTimeout(tick, 1000);
    return { cancel: () => timer?.cancel() };
  }
}
