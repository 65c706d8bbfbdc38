/**
 * The fake CNI's IP allocator: one IPv4 /24 (the node's pod CIDR). `.0` is the network, `.1` the bridge (gateway),
 * `.255` broadcast, so pods get `.2`–`.254` (253 addresses; the kubelet's pod limit defaults to 110). Addresses are
 * handed out round-robin from the last one so a freed address is not reused at once (as host-local IPAM does).
 */
import { RuntimeError } from '../interface.js';

export class PodCIDRAllocator {
  private readonly prefix: string;
  private readonly used = new Set<number>();
  private next = 2;

  constructor(cidr: string) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.0\/24$/.exec(cidr);
    if (!m) throw new Error(`fake runtime: pod CIDR must be an IPv4 /24 (a.b.c.0/24), got ${JSON.stringify(cidr)}`);
    this.prefix = `${m[1]}.${m[2]}.${m[3]}.`;
  }

  allocate(): string {
    for (let i = 0; i < 253; i++) {
      const host = this.next;
      this.next = host === 254 ? 2 : host + 1;
      if (!this.used.has(host)) {
        this.used.add(host);
        return this.prefix + host;
      }
    }
    throw new RuntimeError('ResourceExhausted', `no IP addresses available in range set ${this.prefix}0/24`);
  }

  release(ip: string): void {
    if (ip.startsWith(this.prefix)) this.used.delete(Number(ip.slice(this.prefix.length)));
  }

  get inUse(): number {
    return this.used.size;
  }
}
