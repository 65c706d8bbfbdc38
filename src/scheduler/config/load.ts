/**
 * Loading a KubeSchedulerConfiguration: YAML (or JSON) text → strict decoding → upstream defaults → validation.
 * Errors are a ConfigError listing every field error (`profiles[0].schedulerName: Required value`).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { errorMessage, type ErrorList } from '../../machinery/validation/field.js';
import { decodeErrors } from './decode.js';
import { setDefaults, type RawConfiguration } from './defaults.js';
import type { KubeSchedulerConfiguration } from './types.js';
import { validateConfiguration } from './validation.js';

export class ConfigError extends Error {
  constructor(
    readonly errors: ErrorList,
    source = 'scheduler configuration',
  ) {
    super(`invalid ${source}: ${errors.map((e) => `${e.field}: ${errorMessage(e)}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** The defaulted default configuration (what the scheduler runs without a file). */
export const defaultConfiguration = (): KubeSchedulerConfiguration => setDefaults({});

/** Decodes, defaults and validates a parsed document. */
export function configurationFromObject(doc: unknown, source?: string): KubeSchedulerConfiguration {
  const decoding = decodeErrors(doc);
  if (decoding.length) throw new ConfigError(decoding, source);
  const cfg = setDefaults(doc as RawConfiguration);
  const errs = validateConfiguration(cfg);
  if (errs.length) throw new ConfigError(errs, source);
  return cfg;
}

export function parseConfiguration(text: string, source?: string): KubeSchedulerConfiguration {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new Error(`${source ?? 'scheduler configuration'}: not valid YAML: ${(e as Error).message}`);
  }
  return configurationFromObject(doc, source);
}

export async function loadConfigurationFile(path: string): Promise<KubeSchedulerConfiguration> {
  return parseConfiguration(await readFile(path, 'utf8'), path);
}
