/**
 * One candidate of a leader election on a Lease (client-go's LeaderElector). Expiry is judged by *this* process's
 * clock: a lease is valid until leaseDurationSeconds after the moment this candidate last saw the record change, so
 * clock skew between machines does not matter. Concurrency is optimistic: every write carries the resourceVersion
 * last read, and a 409 simply means another candidate wrote first (try again next period).
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import type { ResourceRef } from '../interface.js';
import { leaseSpecFromRecord, recordFromLease, sameRecord, type LeaderElectionRecord } from './record.js';
import { deadlineSignal, raceSignal, sleep } from './sleep.js';
import { JITTER_FACTOR, type LeaderElectionConfig } from './types.js';

/** A Lease as the client hands it out. */
type LeaseObject = Lease;

export const LEASES: ResourceRef = catalogEntry('coordination.k8s.io', 'leases')!;

export class LeaderElector {
  private observedRecord: LeaderElectionRecord | undefined;
  /** When this candidate last saw the record change, by its own clock (ms). */
  private observedTime = 0;
  /** The Lease as last read or written: its resourceVersion guards the next write. */
  private observedLease: LeaseObject | undefined;
  private reportedLeader = '';
  private readonly log: Logger;

  constructor(private readonly cfg: LeaderElectionConfig) {
    this.log = (cfg.logger ?? nopLogger).child({ lease: this.lockName() });
  }

  lockName(): string {
    return `${this.cfg.namespace}/${this.cfg.name}`;
  }

  /** The identity of the leader as last observed ('' when none). */
  getLeader(): string {
    return this.observedRecord?.holderIdentity ?? '';
  }

  isLeader(): boolean {
    return this.getLeader() === this.cfg.identity;
  }

  /** Tries every retryPeriod (jittered) until it holds the lease (true) or `signal` aborts (false). */
  async acquire(signal: AbortSignal): Promise<boolean> {
    this.log.info('attempting to acquire leader lease');
    const random = this.cfg.random ?? Math.random;
    while (!signal.aborted) {
      const ok = await this.tryAcquireOrRenew();
      this.maybeReportTransition();
      if (ok && !signal.aborted) {
        this.log.info('successfully acquired lease', { identity: this.cfg.identity });
        return true;
      }
      const wait = this.cfg.retryPeriodMs * (1 + JITTER_FACTOR * random());
      await sleep(this.cfg.clock, wait, signal);
    }
    return false;
  }

  /** Renews every retryPeriod; returns when a renewal has failed for renewDeadline (lost) or `signal` aborts. */
  async renew(signal: AbortSignal): Promise<void> {
    // Upstream renews once more right after acquiring; the write that acquired is fresh, so wait a period first.
    await sleep(this.cfg.clock, this.cfg.retryPeriodMs, signal);
    while (!signal.aborted) {
      const ok = await this.renewWithinDeadline(signal);
      this.maybeReportTransition();
      if (signal.aborted) return;
      if (!ok) {
        this.log.error('failed to renew lease: timed out waiting for the condition', { identity: this.cfg.identity });
        return;
      }
      await sleep(this.cfg.clock, this.cfg.retryPeriodMs, signal);
    }
  }

  /** Retries every retryPeriod until one attempt succeeds or renewDeadline passes (a hanging write counts as failed). */
  private async renewWithinDeadline(signal: AbortSignal): Promise<boolean> {
    const deadline = deadlineSignal(this.cfg.clock, this.cfg.renewDeadlineMs, signal);
    try {
      while (!deadline.signal.aborted) {
        if (await raceSignal(this.tryAcquireOrRenew(), deadline.signal, false)) return true;
        await sleep(this.cfg.clock, this.cfg.retryPeriodMs, deadline.signal);
      }
      return false;
    } finally {
      deadline.cancel();
    }
  }

  /** Gives the lease up if this candidate holds it: empty holder, a 1 s duration (upstream's release). */
  async release(): Promise<boolean> {
    if (!this.isLeader() || !this.observedLease) return true;
    const now = this.cfg.clock.now();
    const rec: LeaderElectionRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaderTransitions: this.observedRecord?.leaderTransitions ?? 0,
    };
    try {
      this.setObserved(await this.update(this.observedLease, rec), now);
      return true;
    } catch (err) {
      this.log.error('Failed to release lock', { err: String(err) });
      return false;
    }
  }

  /** One attempt: create the lease, renew it, or take it over when expired. True when this candidate holds it. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.cfg.clock.now();
    const desired: LeaderElectionRecord = {
      holderIdentity: this.cfg.identity,
      leaseDurationSeconds: Math.ceil(this.cfg.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };
    if (this.isLeader() && this.isLeaseValid(now) && this.observedLease && this.observedRecord) {
      // Fast path: renew from the cached lease without a read; fall back to a read on any failure.
      const rec = { ...desired, acquireTime: this.observedRecord.acquireTime, leaderTransitions: this.observedRecord.leaderTransitions };
      try {
        this.setObserved(await this.update(this.observedLease, rec), now);
        return true;
      } catch (err) {
        this.log.debug('failed to update lease using the cached object, falling back to a read', { err: String(err) });
      }
    }
    return this.readAndWrite(desired, now);
  }

  private async readAndWrite(desired: LeaderElectionRecord, now: Date): Promise<boolean> {
    let lease: LeaseObject;
    try {
      lease = await this.cfg.client.get<LeaseObject>(LEASES, this.cfg.namespace, this.cfg.name);
    } catch (err) {
      if (!isNotFoundStatus(err)) {
        this.log.error('error retrieving resource lock', { err: String(err) });
        return false;
      }
      return this.create(desired, now);
    }
    const old = recordFromLease(lease);
    if (!sameRecord(old, this.observedRecord)) {
      this.observedRecord = old;
      this.observedTime = now.getTime();
    }
    this.observedLease = lease;
    if (old.holderIdentity !== '' && this.isLeaseValid(now) && !this.isLeader()) {
      this.log.debug('lock is held and has not yet expired', { holder: old.holderIdentity });
      return false;
    }
    if (this.isLeader()) {
      desired.acquireTime = old.acquireTime;
      desired.leaderTransitions = old.leaderTransitions;
    } else {
      desired.leaderTransitions = old.leaderTransitions + 1;
    }
    try {
      this.setObserved(await this.update(lease, desired), now);
      return true;
    } catch (err) {
      this.log.info('Failed to update lock', { err: String(err) });
      return false;
    }
  }

  private async create(desired: LeaderElectionRecord, now: Date): Promise<boolean> {
    const lease: LeaseObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.cfg.name, namespace: this.cfg.namespace },
      spec: leaseSpecFromRecord(desired),
    };
    try {
      this.setObserved(await this.cfg.client.create<LeaseObject>(LEASES, this.cfg.namespace, lease), now);
      return true;
    } catch (err) {
      this.log.error('error initially creating leader election record', { err: String(err) });
      return false;
    }
  }

  /** PUT with the resourceVersion of `base` (a 409 Conflict when someone wrote in between). */
  private update(base: LeaseObject, rec: LeaderElectionRecord): Promise<LeaseObject> {
    const next: LeaseObject = { ...base, spec: leaseSpecFromRecord(rec) };
    return this.cfg.client.update<LeaseObject>(LEASES, this.cfg.namespace, next);
  }

  private setObserved(lease: LeaseObject, now: Date): void {
    this.observedLease = lease;
    this.observedRecord = recordFromLease(lease);
    this.observedTime = now.getTime();
  }

  private isLeaseValid(now: Date): boolean {
    const d = (this.observedRecord?.leaseDurationSeconds ?? 0) * 1000;
    return this.observedTime + d > now.getTime();
  }

  private maybeReportTransition(): void {
    const leader = this.getLeader();
    if (leader === this.reportedLeader) return;
    this.reportedLeader = leader;
    if (leader) this.cfg.onNewLeader?.(leader);
  }
}
