/**
 * /version. The kubectl on PATH here is a dispatcher that runs `kubectl.1.<minor>` for the minor reported here,
 * so this choice selects the client users run (kubectl-wire.md §1).
 */
export const KUBERNETES_VERSION = { major: '1', minor: '33', patch: '1' };

export function versionInfo(): Record<string, string> {
  const { major, minor, patch } = KUBERNETES_VERSION;
  return {
    major,
    minor,
    gitVersion: `v${major}.${minor}.${patch}+k8ts`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-11-21T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
