/**
 * The leader election record as it is kept in a coordination.k8s.io/v1 Lease's spec (client-go's
 * LeaderElectionRecord and its Lease conversion). Times are MicroTime strings (`2026-01-01T00:00:00.000000Z`).
 */
import type { Lease, LeaseSpec } from 'kubernetes-types/coordination/v1.js';

export interface LeaderElectionRecord {
  /** '' when nobody holds the lease (after a release): anyone may take it. */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: Date;
  renewTime: Date;
  leaderTransitions: number;
}

/** A MicroTime as the API server writes it: RFC 3339 in UTC with six fractional digits. */
export function formatMicroTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const parseTime = (s: string | undefined): Date => new Date(s ? Date.parse(s) : 0);

export function recordFromLease(lease: Readonly<Lease>): LeaderElectionRecord {
  const s: LeaseSpec = lease.spec ?? {};
  return {
    holderIdentity: s.holderIdentity ?? '',
    leaseDurationSeconds: s.leaseDurationSeconds ?? 0,
    acquireTime: parseTime(s.acquireTime),
    renewTime: parseTime(s.renewTime),
    leaderTransitions: s.leaseTransitions ?? 0,
  };
}

export function leaseSpecFromRecord(r: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    acquireTime: formatMicroTime(r.acquireTime),
    renewTime: formatMicroTime(r.renewTime),
    leaseTransitions: r.leaderTransitions,
  };
}

/** Whether two records are the same (what upstream detects by comparing the raw record bytes). */
export function sameRecord(a: LeaderElectionRecord | undefined, b: LeaderElectionRecord | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime.getTime() === b.acquireTime.getTime() &&
    a.renewTime.getTime() === b.renewTime.getTime() &&
    a.leaderTransitions === b.leaderTransitions
  );
}
