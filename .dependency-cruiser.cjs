/**
 * The layer rule of docs (../shared/docs/architecture.md): a layer imports only from layers below it.
 *   L0 machinery → L1 api → L2 storage | client | pki → L3 apiserver → L4 registry | components → cmd
 * Components (controller, scheduler, kubelet, proxy, dns, ingress) use client and below only, never each other.
 */
const components = ['controller', 'scheduler', 'kubelet', 'proxy', 'dns', 'ingress'];
const comp = `(${components.join('|')})`;
const forbid = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    forbid('machinery-is-the-bottom', '^src/machinery/', '^src/(?!machinery/)', 'machinery imports nothing of ours'),
    forbid('api-only-machinery', '^src/api/', '^src/(?!machinery/|api/)', 'api imports only machinery'),
    forbid('storage-below-apiserver', '^src/storage/', '^src/(?!machinery/|api/|storage/)', 'storage imports only machinery and api'),
    forbid('client-below-apiserver', '^src/client/', '^src/(?!machinery/|api/|client/|pki/)', 'client imports only machinery, api and pki'),
    forbid('pki-below-apiserver', '^src/pki/', '^src/(?!machinery/|pki/)', 'pki imports only machinery'),
    forbid('apiserver-below-registry', '^src/apiserver/', `^src/(registry|${components.join('|')})/`, 'apiserver never imports registry or components'),
    forbid('registry-not-components', '^src/registry/', `^src/${comp}/`, 'registry never imports components'),
    forbid('components-use-client-only', `^src/${comp}/`, '^src/(storage|apiserver|registry)/', 'components talk to the API through client'),
    ...components.map((c) =>
      forbid(`${c}-not-other-components`, `^src/${c}/`, `^src/(?!${c}/)${comp}/`, 'what two components share moves down'),
    ),
    forbid('only-cmd-composes', '^src/', '^cmd/', 'src never imports cmd'),
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true, pathNot: '^kubernetes-types/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.test\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
