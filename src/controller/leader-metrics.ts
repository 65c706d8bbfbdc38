/**
 * client-go's leader election metric, as kube-controller-manager exposes it: leader_election_master_status{name}
 * is 1 while this process leads the named lease and 0 while it is a candidate or after it stopped leading.
 */
import { Gauge, type Registry } from 'prom-client';

const METRIC = 'leader_election_master_status';

/** Registers the gauge in `registry` once (0 for `name` from now on); returns the setter of `name`'s value. */
export function leaderElectionMasterStatus(registry: Registry, name: string): (leading: boolean) => void {
  const gauge =
    (registry.getSingleMetric(METRIC) as Gauge<'name'> | undefined) ??
    new Gauge({
      name: METRIC,
      help: 'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. ' +
        "'name' is the string used to identify the lease. Please make sure to group by name.",
      labelNames: ['name'],
      registers: [registry],
    });
  gauge.set({ name }, 0);
  return (leading) => gauge.set({ name }, leading ? 1 : 0);
}
