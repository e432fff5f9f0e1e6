import { isIPv4, isIPv6 } from 'node:net';

/** The reason an endpoint URL naming a private host is refused (the web words it). */
export const PRIVATE_NETWORK_REASON = 'must not point to a private network address';
/** The start of an attempt's error when a receiver's address is private (docs/webhooks.md). */
export const PRIVATE_NETWORK_REFUSAL = 'refused: private network address';

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix length]. */
const PRIVATE_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba Cloud's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255
];

function v4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const PRIVATE_V4_RANGES = PRIVATE_V4.map(([base, bits]) => {
  const size = 2 ** (32 - bits);
  const start = v4Number(base);
  return { start, end: start + size - 1 };
});

function isPrivateV4(n: number): boolean {
  return PRIVATE_V4_RANGES.some((r) => n >= r.start && n <= r.end);
}

/** The 8 groups of a valid IPv6 address (a dotted IPv4 tail becomes 2 groups). */
function v6Groups(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4Number(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const halves = text.split('::');
  if (halves.length === 1) return parse(text);
  const left = parse(halves[0]!);
  const right = parse(halves[1]!);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function isPrivateV6(groups: number[]): boolean {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  const embedded = g * 65536 + h;
  // ::/96 (::, ::1, IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped): the IPv4 address inside decides.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && (f === 0 || f === 0xffff))
    return isPrivateV4(embedded);
  // NAT64 64:ff9b::/96 reaches the IPv4 address inside.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return isPrivateV4(embedded);
  // 6to4 2002::/16 carries an IPv4 address in its next 32 bits.
  if (a === 0x2002) return isPrivateV4(b * 65536 + c);
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((a & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated)
  if ((a & 0xff00) === 0xff00) return true; // multicast ff00::/8
  return false;
}

/**
 * Whether an IP address (IPv4, IPv6 with or without brackets or a zone, IPv4-mapped IPv6) is in the
 * platform's own or another non-public network: loopback, RFC 1918, link-local (cloud metadata),
 * carrier-grade NAT, unique-local, multicast, reserved, unspecified. Not an IP address → false.
 */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) return isPrivateV4(v4Number(bare));
  if (isIPv6(bare)) return isPrivateV6(v6Groups(bare.toLowerCase()));
  return false;
}

/**
 * Whether a URL's host names a private network without asking DNS: a literal private IP, or
 * `localhost` and its subdomains (with or without the final dot). Other names are checked when a
 * delivery resolves them (http-sender.ts).
 */
export function isPrivateHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return isPrivateAddress(name);
}
