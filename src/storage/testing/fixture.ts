import type { Store } from '../interface.js';

/** A store under test. Each fixture starts empty as far as its keys go (backends may share revisions). */
export interface StoreFixture {
  store: Store;
  /** Closes `store` and reopens the same data; returns the new store, which also replaces `store`. */
  restart(): Promise<Store>;
  /** Closes the store and releases what the fixture holds. */
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreFixture>;

/** Runs `body` against a fresh fixture and always disposes it. */
export async function withFixture(factory: StoreFactory, body: (f: StoreFixture) => Promise<void>): Promise<void> {
  const f = await factory();
  try {
    await body(f);
  } finally {
    await f.dispose();
  }
}

/** How a part of the conformance suite registers one test against fresh fixtures. */
export type Register = (title: string, body: (f: StoreFixture) => Promise<void>) => void;
