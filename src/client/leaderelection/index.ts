export { runLeaderElection } from './run.js';
export { LeaderElector, LEASES } from './elector.js';
export { JITTER_FACTOR, validateConfig, type LeaderElectionConfig } from './types.js';
export { formatMicroTime, recordFromLease, leaseSpecFromRecord, type LeaderElectionRecord } from './record.js';
