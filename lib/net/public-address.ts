import net from 'node:net';

/**
 * Whether an IP address is one the public internet routes to. Evidence capture and profile checks fetch
 * pages a suspect controls: its DNS, or a redirect, may name our own machine (127.0.0.1), the cloud's
 * metadata service (169.254.169.254) or the office network. Anything but a public unicast address is
 * refused, however it is written (IPv4-mapped IPv6, NAT64, 6to4 and the like carry an IPv4 inside).
 */
export function nonPublicReason(address: string): string | undefined {
  const bare = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIPv4(bare)) return ipv4Reason(ipv4Bytes(bare));
  if (net.isIPv6(bare)) return ipv6Reason(ipv6Bytes(bare));
  return 'not an IP address';
}

type Range = [prefix: number[], bits: number, name: string];

/** IANA's IPv4 special-purpose registry, less the few entries that are globally reachable. */
const ipv4Ranges: Range[] = [
  [[0], 8, 'unspecified ("this network", 0.0.0.0/8)'],
  [[10], 8, 'private (RFC 1918, 10.0.0.0/8)'],
  [[100, 64], 10, 'carrier-grade NAT (RFC 6598, 100.64.0.0/10)'],
  [[127], 8, 'loopback (127.0.0.0/8)'],
  [[169, 254], 16, 'link-local (169.254.0.0/16, the cloud metadata service among them)'],
  [[172, 16], 12, 'private (RFC 1918, 172.16.0.0/12)'],
  [[192, 0, 0], 24, 'IETF protocol assignments (192.0.0.0/24)'],
  [[192, 0, 2], 24, 'documentation (192.0.2.0/24)'],
  [[192, 88, 99], 24, '6to4 relay anycast (192.88.99.0/24)'],
  [[192, 168], 16, 'private (RFC 1918, 192.168.0.0/16)'],
  [[198, 18], 15, 'benchmarking (198.18.0.0/15)'],
  [[198, 51, 100], 24, 'documentation (198.51.100.0/24)'],
  [[203, 0, 113], 24, 'documentation (203.0.113.0/24)'],
  [[224], 4, 'multicast (224.0.0.0/4)'],
  [[240], 4, 'reserved (240.0.0.0/4, broadcast included)'],
];

const ipv6Ranges: Range[] = [
  [[0xfc], 7, 'unique local (fc00::/7)'],
  [[0xfe, 0x80], 10, 'link-local (fe80::/10)'],
  [[0xfe, 0xc0], 10, 'site-local (fec0::/10)'],
  [[0xff], 8, 'multicast (ff00::/8)'],
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'discard-only (100::/64)'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation (2001:db8::/32)'],
  [[0x20, 0x01, 0, 0], 32, 'Teredo tunnel (2001::/32)'],
  [[0x20, 0x01, 0x00], 23, 'IETF protocol assignments (2001::/23)'],
];

function ipv4Reason(bytes: number[]): string | undefined {
  return matchRange(bytes, ipv4Ranges);
}

function ipv6Reason(bytes: number[]): string | undefined {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 16)) return 'unspecified (::)';
  if (zeros(0, 15) && bytes[15] === 1) return 'loopback (::1)';
  // IPv4 inside IPv6: judged by the IPv4 address it carries (::ffff:127.0.0.1 is loopback).
  const embedded = (name: string, v4: number[]) => {
    const reason = ipv4Reason(v4);
    return reason ? `${name} ${v4.join('.')}: ${reason}` : undefined;
  };
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return embedded('IPv4-mapped', bytes.slice(12));
  if (zeros(0, 12)) return embedded('IPv4-compatible', bytes.slice(12)) ?? 'IPv4-compatible (deprecated, ::/96)';
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return embedded('NAT64', bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return embedded('6to4', bytes.slice(2, 6));
  return matchRange(bytes, ipv6Ranges);
}

function matchRange(bytes: number[], ranges: Range[]): string | undefined {
  for (const [prefix, bits, name] of ranges) {
    let ok = true;
    for (let bit = 0; bit < bits && ok; bit += 8) {
      const index = bit / 8;
      const take = Math.min(8, bits - bit);
      const mask = (0xff << (8 - take)) & 0xff;
      ok = ((bytes[index] ?? 0) & mask) === ((prefix[index] ?? 0) & mask);
    }
    if (ok) return name;
  }
  return undefined;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** 16 bytes of an IPv6 address in any valid spelling (`::`, an IPv4 tail). */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const [a, b, c, d] = ipv4Bytes(v4) as [number, number, number, number];
    text = `${text.slice(0, -v4.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const middle = Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}
