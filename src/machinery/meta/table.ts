/** Server-side printing (`as=Table;v=v1;g=meta.k8s.io`): column definitions and row cells, as upstream's printers. */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** "name" marks the name column; otherwise "" (or e.g. "date"). */
  format: string;
  description: string;
  /** 0 = default columns; 1 = only with `-o wide`. */
  priority: number;
}

/** Converts one object into the cells of one row; `cells(obj).length === columns.length`. */
export interface TableConvertor<T = any> {
  columns: readonly TableColumnDefinition[];
  /** `now` is injected so AGE cells are testable. */
  cells(obj: T, now: Date): unknown[];
}
