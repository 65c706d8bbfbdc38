/**
 * Host paths the kubelet owns for a pod: its log directory (upstream's BuildPodLogsDirectory,
 * `<podLogsDir>/<ns>_<name>_<uid>`), a container's log path relative to it (`<container>/<restartCount>.log`),
 * and the pod's own directory (`<podsDir>/<uid>`) holding the managed hosts file (`etc-hosts`).
 */
import { join } from 'node:path';

export const podLogDirectory = (podLogsDir: string, ns: string, name: string, uid: string): string => join(podLogsDir, `${ns}_${name}_${uid}`);

export const containerLogPath = (container: string, restartCount: number): string => `${container}/${restartCount}.log`;

export const podDirectory = (podsDir: string, uid: string): string => join(podsDir, uid);

export const etcHostsPath = (podsDir: string, uid: string): string => join(podsDir, uid, 'etc-hosts');
