/** System-owned metadata: what the server sets on create and carries over on update. */
import { randomUUID } from 'node:crypto';
import type { KObject } from '../resource.js';
import { rfc3339, specOf } from './codec.js';

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** upstream's SimpleNameGenerator: 5 characters from an alphabet without vowels and look-alikes. */
export function generateName(base: string, random: () => number = Math.random): string {
  const prefix = base.length > 58 ? base.slice(0, 58) : base;
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[Math.floor(random() * NAME_CHARS.length)];
  return prefix + s;
}

export function fillCreateMeta(obj: KObject, now: Date, tracksGeneration: boolean): void {
  const m = obj.metadata;
  // prepareForCreate may have set the uid already (a Job's selector is derived from it).
  m.uid ||= randomUUID();
  m.creationTimestamp = rfc3339(now);
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.resourceVersion;
  delete m.selfLink;
  if (tracksGeneration) m.generation = 1;
  else delete m.generation;
}

/** Keeps what clients may not change on update, and bumps generation on a spec change. */
export function carryUpdateMeta(obj: KObject, old: KObject, tracksGeneration: boolean): void {
  const m = obj.metadata;
  const o = old.metadata;
  m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  m.name = o.name;
  if (o.namespace !== undefined) m.namespace = o.namespace;
  else delete m.namespace;
  delete m.selfLink;
  for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    if (o[k] !== undefined) m[k] = o[k];
    else delete m[k];
  }
  if (tracksGeneration) {
    const gen = o.generation ?? 1;
    m.generation = specOf(obj) !== specOf(old) ? gen + 1 : gen;
  } else if (o.generation !== undefined) {
    m.generation = o.generation;
  } else {
    delete m.generation;
  }
}
