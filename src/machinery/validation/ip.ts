/** IP address and CIDR checks, with upstream's messages (k8s.io/apimachinery/pkg/util/validation/ip.go). */
import { isIP } from 'node:net';

export const isIPv4 = (value: string): boolean => isIP(value) === 4;
export const isIPv6 = (value: string): boolean => isIP(value) === 6;

export function isValidIP(value: string): string[] {
  return isIP(value) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

/** True for `10.0.0.0/8` or `fd00::/64`: an address and a prefix length in range for its family. */
export function parseCIDR(value: string): { ip: string; bits: number; family: 4 | 6 } | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const ip = value.slice(0, slash);
  const bitsText = value.slice(slash + 1);
  const family = isIP(ip);
  if (!family || !/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (family === 4 ? 32 : 128)) return undefined;
  return { ip, bits, family: family as 4 | 6 };
}

export function isValidCIDR(value: string): string[] {
  return parseCIDR(value) ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}
