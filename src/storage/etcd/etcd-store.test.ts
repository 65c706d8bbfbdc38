import { after, before } from 'node:test';
import type { Store } from '../interface.js';
import { runStoreConformance, type StoreFixture } from '../testing/conformance.js';
import { type EtcdServer, startEtcd } from '../testing/etcd-server.js';
import { openEtcdStore } from './etcd-store.js';

let etcd: EtcdServer | undefined;
before(async () => {
  etcd = await startEtcd();
});
after(async () => {
  await etcd?.stop();
});

/** Fixtures share one etcd; each gets its own key prefix. restart() restarts the etcd process on the same data. */
let fixtures = 0;
runStoreConformance('etcd', async (): Promise<StoreFixture> => {
  const server = etcd!;
  const prefix = `/k8ts-test/${++fixtures}`;
  const connect = (): Store => openEtcdStore({ endpoints: server.endpoints, prefix });
  const fixture: StoreFixture = {
    store: connect(),
    async restart(): Promise<Store> {
      await fixture.store.close();
      await server.restart();
      fixture.store = connect();
      return fixture.store;
    },
    dispose: () => fixture.store.close(),
  };
  return fixture;
});
