/** Table convertors of the core group (v1), keyed by Kind. */
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { configMapTable, namespaceTable, secretTable, serviceAccountTable } from './config-tables.js';
import { eventTable } from './event-table.js';
import { nodeTable } from './node-table.js';
import { podTable } from './pod-table.js';
import { limitRangeTable, resourceQuotaTable } from './quota-tables.js';
import { endpointsTable, serviceTable } from './service-table.js';
import { persistentVolumeClaimTable, persistentVolumeTable } from './volume-tables.js';
import { podTemplateTable, replicationControllerTable } from './workload-tables.js';

export const CORE_V1_TABLES: Readonly<Record<string, TableConvertor>> = {
  Pod: podTable,
  Namespace: namespaceTable,
  Service: serviceTable,
  Endpoints: endpointsTable,
  ConfigMap: configMapTable,
  Secret: secretTable,
  ServiceAccount: serviceAccountTable,
  Node: nodeTable,
  Event: eventTable,
  LimitRange: limitRangeTable,
  ResourceQuota: resourceQuotaTable,
  PersistentVolume: persistentVolumeTable,
  PersistentVolumeClaim: persistentVolumeClaimTable,
  PodTemplate: podTemplateTable,
  ReplicationController: replicationControllerTable,
};
