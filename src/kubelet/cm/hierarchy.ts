/**
 * Where the cgroup controllers are mounted (upstream's libcontainer cgroup mount discovery), read from
 * /proc/self/mountinfo:
 * - v2 (unified): one cgroup2 mount at the cgroup root (`/sys/fs/cgroup`); controllers come from cgroup.controllers.
 * - v1: one mount per hierarchy (`cpu`, `memory`, `cpu,cpuacct` co-mounted, `name=systemd`…); on a hybrid host the
 *   extra cgroup2 mount (`/sys/fs/cgroup/unified`) is listed too, with no controllers, because runc creates its
 *   cgroups there as well and a pod's directory must be removed from every hierarchy it exists in.
 */
import { readFileSync } from 'node:fs';

export interface Hierarchy {
  /** Absolute directory of the hierarchy's root as this process sees it. */
  mountpoint: string;
  /** v1: the mount's controllers (`cpu`, `memory`, `name=systemd`); v2: empty (read cgroup.controllers). */
  controllers: string[];
  version: 1 | 2;
}

export interface CgroupLayout {
  /** 2 only when the cgroup root itself is a cgroup2 mount (unified mode); hybrid hosts are 1. */
  version: 1 | 2;
  hierarchies: Hierarchy[];
}

/** The v1 super-options that are mount flags, not controllers. */
const NOT_CONTROLLERS = new Set(['rw', 'ro', 'nosuid', 'nodev', 'noexec', 'relatime', 'clone_children', 'xattr', 'noprefix']);

/** `mountinfo`: the text of /proc/self/mountinfo; `cgroupRoot`: where the unified mount must be for v2 mode. */
export function parseCgroupLayout(mountinfo: string, cgroupRoot = '/sys/fs/cgroup'): CgroupLayout {
  const hierarchies: Hierarchy[] = [];
  for (const line of mountinfo.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const mountpoint = unescapeMount(line.slice(0, sep).split(' ')[4] ?? '');
    const [fstype, , superOptions = ''] = line.slice(sep + 3).split(' ');
    if (fstype === 'cgroup2') hierarchies.push({ mountpoint, controllers: [], version: 2 });
    if (fstype === 'cgroup') {
      const controllers = superOptions.split(',').filter((o) => o && !NOT_CONTROLLERS.has(o) && !o.startsWith('release_agent='));
      hierarchies.push({ mountpoint, controllers, version: 1 });
    }
  }
  const unified = hierarchies.find((h) => h.version === 2 && h.mountpoint === cgroupRoot);
  if (unified) return { version: 2, hierarchies: [unified] };
  return { version: 1, hierarchies };
}

/** The host's layout; throws when no cgroup hierarchy is mounted (the manager cannot work at all). */
export function detectCgroupLayout(mountinfoPath = '/proc/self/mountinfo'): CgroupLayout {
  const layout = parseCgroupLayout(readFileSync(mountinfoPath, 'utf8'));
  if (layout.hierarchies.length === 0) throw new Error(`no cgroup hierarchy mounted (read ${mountinfoPath})`);
  return layout;
}

/** The hierarchy that carries `controller` (v2: the unified one, whatever the name). */
export function hierarchyFor(layout: CgroupLayout, controller: string): Hierarchy | undefined {
  if (layout.version === 2) return layout.hierarchies[0];
  return layout.hierarchies.find((h) => h.version === 1 && h.controllers.includes(controller));
}

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}
