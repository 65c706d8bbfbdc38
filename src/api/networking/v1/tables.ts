/**
 * Ingresses, IngressClasses and NetworkPolicies, as upstream's printers: HOSTS shows at most three hosts (`*` when
 * none), PORTS is `80` or `80, 443` with TLS, PARAMETERS is `Kind.group/name`.
 */
import type { Ingress, IngressClass, IngressRule, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { formatLabelSelector } from '../../../machinery/labels/label-selector.js';
import { d } from './table-descriptions.js';

/** Up to three non-empty hosts; once three are listed, the rest are counted by rule, as upstream. */
export function formatHosts(rules: readonly IngressRule[] | undefined): string {
  const all = rules ?? [];
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of all) {
    if (hosts.length === max) more = true;
    if (!more && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  const text = hosts.join(',');
  return more ? `${text} + ${all.length - max} more...` : text;
}

function ingressAddress(ing: Ingress): string {
  return (ing.status?.loadBalancer?.ingress ?? [])
    .flatMap((i) => (i.ip ? [i.ip] : i.hostname ? [i.hostname] : []))
    .join(',');
}

export const ingressTable: TableConvertor<Ingress> = {
  columns: [
    nameColumn,
    column('Class', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  cells: (ing, now) => [
    nameOf(ing),
    ing.spec?.ingressClassName ?? '<none>',
    formatHosts(ing.spec?.rules),
    ingressAddress(ing),
    (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    ageOf(ing, now),
  ],
};

export const ingressClassTable: TableConvertor<IngressClass> = {
  columns: [
    nameColumn,
    column('Controller', 'Controller that is responsible for handling this class'),
    column('Parameters', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  cells(ic, now) {
    const p = ic.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [nameOf(ic), ic.spec?.controller ?? '', params, ageOf(ic, now)];
  },
};

export const networkPolicyTable: TableConvertor<NetworkPolicy> = {
  columns: [nameColumn, column('Pod-Selector', d('NetworkPolicySpec.podSelector')), ageColumn],
  cells: (np, now) => [nameOf(np), formatLabelSelector(np.spec?.podSelector ?? {}), ageOf(np, now)],
};

export const NETWORKING_V1_TABLES: Readonly<Record<string, TableConvertor>> = {
  Ingress: ingressTable,
  IngressClass: ingressClassTable,
  NetworkPolicy: networkPolicyTable,
};
