/**
 * Node names grouped by zone (upstream's nodeTree). `list()` interleaves the zones — the first node of every zone,
 * then the second of every zone … — so that a scheduling cycle that stops after numFeasibleNodesToFind nodes has
 * still looked at every zone.
 */
import type { N } from '../framework/types.js';

const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';

/** The zone key of a node: region and zone joined (upstream's GetZoneKey), '' when the node has neither. */
export function zoneKey(node: N): string {
  const l = node.metadata?.labels ?? {};
  const region = l[REGION] ?? '';
  const zone = l[ZONE] ?? '';
  return region || zone ? `${region}:\x00:${zone}` : '';
}

export class NodeTree {
  private readonly zones = new Map<string, string[]>();
  /** Node name → its zone key. */
  private readonly members = new Map<string, string>();

  get numNodes(): number {
    return this.members.size;
  }

  addNode(node: N): void {
    const name = node.metadata?.name ?? '';
    const zone = zoneKey(node);
    if (this.members.has(name)) return;
    let names = this.zones.get(zone);
    if (!names) this.zones.set(zone, (names = []));
    names.push(name);
    this.members.set(name, zone);
  }

  /** False when the node was not in the tree. */
  removeNode(node: N): boolean {
    const name = node.metadata?.name ?? '';
    const zone = this.members.get(name);
    if (zone === undefined) return false;
    const names = this.zones.get(zone)!;
    names.splice(names.indexOf(name), 1);
    if (names.length === 0) this.zones.delete(zone);
    this.members.delete(name);
    return true;
  }

  updateNode(old: N | undefined, cur: N): void {
    if (old && zoneKey(old) === zoneKey(cur)) return;
    if (old) this.removeNode(old);
    this.addNode(cur);
  }

  list(): string[] {
    const out: string[] = [];
    const zones = [...this.zones.values()];
    for (let i = 0; out.length < this.members.size; i++) {
      for (const names of zones) if (i < names.length) out.push(names[i]!);
    }
    return out;
  }
}
