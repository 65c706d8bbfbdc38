/**
 * Building blocks for TableConvertors: column constructors and the ObjectMeta-described Name/Age/Created At
 * columns that every upstream printer shares, plus the fallback convertors.
 */
import type { TableColumnDefinition, TableConvertor } from './table.js';
import { formatRFC3339, translateTimestampSince } from './timestamp.js';

type ColumnType = TableColumnDefinition['type'];

/** ObjectMeta's OpenAPI descriptions, which upstream uses for the Name and Age columns. */
export const OBJECT_META_NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow ' +
  'a client to request the generation of an appropriate name automatically. Name is primarily intended for ' +
  'creation idempotence and configuration definition. Cannot be updated. More info: ' +
  'https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const OBJECT_META_CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not ' +
  'guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is ' +
  'represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: ' +
  'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A default-priority column; `type` defaults to "string", as almost every upstream column. */
export const column = (name: string, description: string, type: ColumnType = 'string'): TableColumnDefinition => ({
  name,
  type,
  format: '',
  description,
  priority: 0,
});

/** A column shown only with `-o wide`. */
export const wide = (name: string, description: string, type: ColumnType = 'string'): TableColumnDefinition => ({
  ...column(name, description, type),
  priority: 1,
});

export const nameColumn: TableColumnDefinition = { ...column('Name', OBJECT_META_NAME_DESCRIPTION), format: 'name' };
export const ageColumn: TableColumnDefinition = column('Age', OBJECT_META_CREATION_TIMESTAMP_DESCRIPTION);
export const createdAtColumn: TableColumnDefinition = column(
  'Created At',
  OBJECT_META_CREATION_TIMESTAMP_DESCRIPTION,
  'date',
);

export interface HasMeta {
  metadata?: { name?: string; creationTimestamp?: string | Date } | undefined;
}

export const nameOf = (obj: HasMeta): string => obj.metadata?.name ?? '';
export const ageOf = (obj: HasMeta, now: Date): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** `NAME AGE`: for kinds without a printer of their own. */
export const defaultTableConvertor: TableConvertor<HasMeta> = {
  columns: [nameColumn, ageColumn],
  cells: (obj, now) => [nameOf(obj), ageOf(obj, now)],
};

/** `NAME CREATED AT`: upstream's default for built-in kinds without printers (roles, limitranges, …). */
export const createdAtTableConvertor: TableConvertor<HasMeta> = {
  columns: [nameColumn, createdAtColumn],
  cells: (obj) => [nameOf(obj), formatRFC3339(obj.metadata?.creationTimestamp)],
};
