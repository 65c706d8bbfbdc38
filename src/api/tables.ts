/**
 * Server-side printing for every served kind: one TableConvertor per `<group>/<Kind>` (core group = "", so
 * "/Pod", "apps/Deployment", "events.k8s.io/Event"). Kinds without an entry print with `tableConvertorFor`'s
 * default (`NAME AGE`).
 */
import type { TableConvertor } from '../machinery/meta/table.js';
import { defaultTableConvertor } from '../machinery/meta/table-columns.js';
import { APPS_V1_TABLES } from './apps/v1/tables.js';
import { AUTOSCALING_V2_TABLES } from './autoscaling/v2/tables.js';
import { BATCH_V1_TABLES } from './batch/v1/tables.js';
import { COORDINATION_V1_TABLES } from './coordination/v1/tables.js';
import { CORE_V1_TABLES } from './core/v1/tables.js';
import { DISCOVERY_V1_TABLES } from './discovery/v1/tables.js';
import { EVENTS_V1_TABLES } from './events/v1/tables.js';
import { NETWORKING_V1_TABLES } from './networking/v1/tables.js';
import { POLICY_V1_TABLES } from './policy/v1/tables.js';
import { RBAC_V1_TABLES } from './rbac/v1/tables.js';
import { SCHEDULING_V1_TABLES } from './scheduling/v1/tables.js';
import { STORAGE_V1_TABLES } from './storage/v1/tables.js';

const BY_GROUP: ReadonlyArray<[string, Readonly<Record<string, TableConvertor>>]> = [
  ['', CORE_V1_TABLES],
  ['apps', APPS_V1_TABLES],
  ['batch', BATCH_V1_TABLES],
  ['autoscaling', AUTOSCALING_V2_TABLES],
  ['coordination.k8s.io', COORDINATION_V1_TABLES],
  ['discovery.k8s.io', DISCOVERY_V1_TABLES],
  ['events.k8s.io', EVENTS_V1_TABLES],
  ['networking.k8s.io', NETWORKING_V1_TABLES],
  ['policy', POLICY_V1_TABLES],
  ['scheduling.k8s.io', SCHEDULING_V1_TABLES],
  ['storage.k8s.io', STORAGE_V1_TABLES],
  ['rbac.authorization.k8s.io', RBAC_V1_TABLES],
];

export const TABLES: Readonly<Record<string, TableConvertor>> = Object.fromEntries(
  BY_GROUP.flatMap(([group, tables]) => Object.entries(tables).map(([kind, t]) => [`${group}/${kind}`, t])),
);

export const DEFAULT_TABLE: TableConvertor = defaultTableConvertor;

/** The convertor for a kind, or the `NAME AGE` default. */
export const tableConvertorFor = (group: string, kind: string): TableConvertor =>
  TABLES[`${group}/${kind}`] ?? DEFAULT_TABLE;
