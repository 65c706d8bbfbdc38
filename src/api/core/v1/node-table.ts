/**
 * Nodes, as upstream's printNode: STATUS is Ready/NotReady/Unknown (+ SchedulingDisabled when cordoned), ROLES
 * come from `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role` label.
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX) && k.length > NODE_ROLE_PREFIX.length) roles.add(k.slice(NODE_ROLE_PREFIX.length));
    else if (k === NODE_ROLE_LABEL && v !== '') roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

const address = (node: Node, type: string): string =>
  (node.status?.addresses ?? []).find((a) => a.type === type)?.address || '<none>';

export const nodeTable: TableConvertor<Node> = {
  columns: [
    nameColumn,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    ageColumn,
    column('Version', d('NodeSystemInfo.kubeletVersion')),
    wide('Internal-IP', d('NodeStatus.addresses')),
    wide('External-IP', d('NodeStatus.addresses')),
    wide('OS-Image', d('NodeSystemInfo.osImage')),
    wide('Kernel-Version', d('NodeSystemInfo.kernelVersion')),
    wide('Container-Runtime', d('NodeSystemInfo.containerRuntimeVersion')),
  ],
  cells(node, now) {
    const info = node.status?.nodeInfo;
    return [
      nameOf(node),
      nodeStatus(node),
      nodeRoles(node),
      ageOf(node, now),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
