/**
 * Table convertors of apps/v1, as upstream's printers: READY is `ready/desired` for Deployments and StatefulSets,
 * ReplicaSets and DaemonSets print their counters, ControllerRevisions their owning controller as `kind.group/name`.
 */
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { formatLabels } from '../../../machinery/labels/format.js';
import { formatLabelSelector } from '../../../machinery/labels/label-selector.js';
import {
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  containerCells,
} from '../../core/v1/pod-template-cells.js';
import { d } from './table-descriptions.js';

const READY_DESCRIPTION = 'Number of the pod with ready state';
const containersColumn = wide('Containers', CONTAINERS_DESCRIPTION);
const imagesColumn = wide('Images', IMAGES_DESCRIPTION);

export const deploymentTable: TableConvertor<Deployment> = {
  columns: [
    nameColumn,
    column('Ready', READY_DESCRIPTION),
    column('Up-to-date', d('DeploymentStatus.updatedReplicas')),
    column('Available', d('DeploymentStatus.availableReplicas')),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide('Selector', d('DeploymentSpec.selector')),
  ],
  cells: (dep, now) => [
    nameOf(dep),
    `${dep.status?.readyReplicas ?? 0}/${dep.spec?.replicas ?? 1}`,
    dep.status?.updatedReplicas ?? 0,
    dep.status?.availableReplicas ?? 0,
    ageOf(dep, now),
    ...containerCells(dep.spec?.template),
    formatLabelSelector(dep.spec?.selector),
  ],
};

export const replicaSetTable: TableConvertor<ReplicaSet> = {
  columns: [
    nameColumn,
    column('Desired', d('ReplicaSetSpec.replicas'), 'integer'),
    column('Current', d('ReplicaSetStatus.replicas'), 'integer'),
    column('Ready', d('ReplicaSetStatus.readyReplicas'), 'integer'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide('Selector', d('ReplicaSetSpec.selector')),
  ],
  cells: (rs, now) => [
    nameOf(rs),
    rs.spec?.replicas ?? 1,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    ageOf(rs, now),
    ...containerCells(rs.spec?.template),
    formatLabelSelector(rs.spec?.selector),
  ],
};

export const statefulSetTable: TableConvertor<StatefulSet> = {
  columns: [nameColumn, column('Ready', READY_DESCRIPTION), ageColumn, containersColumn, imagesColumn],
  cells: (sts, now) => [
    nameOf(sts),
    `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
    ageOf(sts, now),
    ...containerCells(sts.spec?.template),
  ],
};

export const daemonSetTable: TableConvertor<DaemonSet> = {
  columns: [
    nameColumn,
    column('Desired', d('DaemonSetStatus.desiredNumberScheduled'), 'integer'),
    column('Current', d('DaemonSetStatus.currentNumberScheduled'), 'integer'),
    column('Ready', d('DaemonSetStatus.numberReady'), 'integer'),
    column('Up-to-date', d('DaemonSetStatus.updatedNumberScheduled'), 'integer'),
    column('Available', d('DaemonSetStatus.numberAvailable'), 'integer'),
    column('Node Selector', d('PodSpec.nodeSelector')),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide('Selector', d('DaemonSetSpec.selector')),
  ],
  cells: (ds, now) => [
    nameOf(ds),
    ds.status?.desiredNumberScheduled ?? 0,
    ds.status?.currentNumberScheduled ?? 0,
    ds.status?.numberReady ?? 0,
    ds.status?.updatedNumberScheduled ?? 0,
    ds.status?.numberAvailable ?? 0,
    formatLabels(ds.spec?.template?.spec?.nodeSelector),
    ageOf(ds, now),
    ...containerCells(ds.spec?.template),
    formatLabelSelector(ds.spec?.selector),
  ],
};

/** `statefulset.apps/web` (or `kind/name` for the core group), `<none>` without a controller. */
export function controllerName(refs: readonly OwnerReference[] | undefined): string {
  const ref = (refs ?? []).find((r) => r.controller === true);
  if (ref === undefined) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionTable: TableConvertor<ControllerRevision> = {
  columns: [
    nameColumn,
    column('Controller', 'Controller of the object'),
    column('Revision', d('ControllerRevision.revision')),
    ageColumn,
  ],
  cells: (cr, now) => [nameOf(cr), controllerName(cr.metadata?.ownerReferences), cr.revision ?? 0, ageOf(cr, now)],
};

export const APPS_V1_TABLES: Readonly<Record<string, TableConvertor>> = {
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  StatefulSet: statefulSetTable,
  DaemonSet: daemonSetTable,
  ControllerRevision: controllerRevisionTable,
};
