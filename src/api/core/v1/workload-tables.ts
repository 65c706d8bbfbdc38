/** PodTemplates and ReplicationControllers (the core-group workload printers). */
import type { PodTemplate, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { formatLabels } from '../../../machinery/labels/format.js';
import { CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, containerCells } from './pod-template-cells.js';
import { d } from './table-descriptions.js';

export const podTemplateTable: TableConvertor<PodTemplate> = {
  columns: [
    nameColumn,
    column('Containers', CONTAINERS_DESCRIPTION),
    column('Images', IMAGES_DESCRIPTION),
    column('Pod Labels', 'The labels for the pod template.'),
  ],
  cells: (pt, _now) => [nameOf(pt), ...containerCells(pt.template), formatLabels(pt.template?.metadata?.labels)],
};

export const replicationControllerTable: TableConvertor<ReplicationController> = {
  columns: [
    nameColumn,
    column('Desired', d('ReplicationControllerSpec.replicas'), 'integer'),
    column('Current', d('ReplicationControllerStatus.replicas'), 'integer'),
    column('Ready', d('ReplicationControllerStatus.readyReplicas'), 'integer'),
    ageColumn,
    wide('Containers', CONTAINERS_DESCRIPTION),
    wide('Images', IMAGES_DESCRIPTION),
    wide('Selector', d('ReplicationControllerSpec.selector')),
  ],
  cells: (rc, now) => [
    nameOf(rc),
    rc.spec?.replicas ?? 1,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    ageOf(rc, now),
    ...containerCells(rc.spec?.template),
    formatLabels(rc.spec?.selector),
  ],
};
