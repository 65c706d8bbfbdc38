/**
 * Builds a StrategyEntry from a resource's pure defaults and validation functions, so each resource states only
 * what differs: its scope and name rule, whether it has a status subresource, and its selectable fields.
 */
import type { KObject, ScaleStrategy } from '../../apiserver/registry/resource.js';
import type { ErrorList } from '../../machinery/validation/field.js';
import { validateObjectMetaUpdate, type MetaRules } from '../../machinery/validation/objectmeta.js';
import { keepStatus, keepSystemMeta, onCreate, selectable, statusStrategy, type StrategyEntry } from './common.js';

export interface ResourceRules<T> extends MetaRules {
  defaults?: (obj: T) => void;
  validate: (obj: T) => ErrorList;
  /** Default: the metadata update rules plus `validate` of the new object. */
  validateUpdate?: (obj: T, old: T) => ErrorList;
  /** A status subresource: status is reset at create (to this initial value) and kept by main-resource updates. */
  status?: Record<string, unknown>;
  /** Extra preparation at create, after status reset. */
  prepareForCreate?: (obj: T) => void;
  /** Extra preparation at update, after status is kept. */
  prepareForUpdate?: (obj: T, old: T) => void;
  tracksGeneration?: boolean;
  /** Dotted paths offered to field selectors, or a function that computes them. */
  selectableFields?: string[] | ((obj: T) => Record<string, string>);
  scale?: ScaleStrategy;
}

const withoutMeta = (errs: ErrorList): ErrorList => errs.filter((e) => !e.field.startsWith('metadata'));

export function buildStrategy<T extends KObject>(r: ResourceRules<T>): StrategyEntry {
  const rules: MetaRules = { namespaced: r.namespaced, ...(r.nameFn ? { nameFn: r.nameFn } : {}) };
  const validateUpdate =
    r.validateUpdate ??
    ((obj: T, old: T) => [...validateObjectMetaUpdate(obj.metadata, old.metadata, rules), ...withoutMeta(r.validate(obj))]);
  const fields = r.selectableFields;
  const entry: StrategyEntry = {
    strategy: {
      prepareForCreate: r.status ? onCreate(r.status, r.prepareForCreate as (o: KObject) => void) : (r.prepareForCreate as (o: KObject) => void),
      prepareForUpdate: (obj, old) => {
        if (r.status) keepStatus(obj, old);
        else keepSystemMeta(obj, old);
        r.prepareForUpdate?.(obj as T, old as T);
      },
      validate: (obj) => r.validate(obj as T),
      validateUpdate: (obj, old) => validateUpdate(obj as T, old as T),
      tracksGeneration: r.tracksGeneration ?? false,
    },
  };
  if (!entry.strategy.prepareForCreate) delete entry.strategy.prepareForCreate;
  if (r.defaults) entry.strategy.defaults = (obj) => r.defaults!(obj as T);
  if (fields) entry.strategy.selectableFields = Array.isArray(fields) ? selectable(...fields) : (obj) => fields(obj as T);
  if (r.status) entry.status = statusStrategy(rules);
  if (r.scale) entry.scale = r.scale;
  return entry;
}
