import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import net from 'node:net';

/*
 * Where deliveries may go. A webhook makes the server send requests to a URL a client
 * chose; without a check that is a way into the networks the server sits in (SSRF: the
 * cloud's metadata service, the database, an admin page on localhost). Targets must resolve
 * to public addresses only, unless an operator allows a network (WEBHOOK_ALLOW_NETWORKS).
 * The check runs when an endpoint is registered and again on each delivery, on the very
 * address the connection then uses, so a name that later resolves elsewhere (DNS
 * rebinding) is refused too.
 */

/** The special-purpose ranges of the IANA registries (IPv4 and IPv6): nothing public lives there. */
const NOT_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, the cloud metadata services
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['64:ff9b::', 96, 'ipv6'], // NAT64 (would reach IPv4 behind it)
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 23, 'ipv6'], // protocol assignments, Teredo
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const NOT_PUBLIC_REASON = 'a private, loopback or otherwise non-public address';

const notPublic = new net.BlockList();
for (const [address, prefix, family] of NOT_PUBLIC) notPublic.addSubnet(address, prefix, family);

/** A CIDR of WEBHOOK_ALLOW_NETWORKS, e.g. "10.20.0.0/16" or "127.0.0.1/32"; undefined when it is none. */
export function parseNetwork(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, bits, ...rest] = cidr.split('/');
  const version = net.isIP(address);
  if (!version || rest.length || !/^\d{1,3}$/.test(bits ?? '')) return undefined;
  const prefix = Number(bits);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Decides whether a resolved address may be sent to. */
export class TargetPolicy {
  private readonly allowed = new net.BlockList();

  /** `allowNetworks`: CIDRs an operator opened although they are not public (validated by the config). */
  constructor(allowNetworks: readonly string[]) {
    for (const cidr of allowNetworks) {
      const network = parseNetwork(cidr)!;
      this.allowed.addSubnet(network.address, network.prefix, network.family);
    }
  }

  /** True when an IP address may be sent to: a public one, or one of an allowed network. */
  allows(address: string): boolean {
    const version = net.isIP(address);
    if (!version) return false;
    const family = version === 4 ? 'ipv4' : 'ipv6';
    // BlockList reads an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as its IPv4 address.
    return this.allowed.check(address, family) || !notPublic.check(address, family);
  }

  /** Why an IP address may not be sent to, or undefined when it may. */
  refusal(address: string): string | undefined {
    return this.allows(address) ? undefined : `${address} is ${NOT_PUBLIC_REASON}`;
  }

  /** Why a URL may not be an endpoint (syntax only; the addresses are `resolve`'s), or undefined. */
  static urlProblem(raw: string): string | undefined {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'is not a URL; send e.g. https://www.example.org/hooks/integration-graph';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
    if (url.username || url.password) return 'must not contain a user name or password; the signature authenticates the deliveries';
    if (url.hash) return 'must not contain a fragment (#…)';
    return undefined;
  }

  /**
   * Resolves a URL's host and says why it may not be sent to (every address must be
   * allowed), or undefined when it may. For registration; deliveries check in `lookup`.
   */
  async refusalOfUrl(raw: string): Promise<string | undefined> {
    const host = new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1');
    if (net.isIP(host)) return this.refusal(host);
    let addresses: dns.LookupAddress[];
    try {
      addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    } catch (error) {
      return `its host ${host} cannot be resolved (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`;
    }
    const refused = addresses.find(({ address }) => !this.allows(address));
    return refused && `its host ${host} resolves to ${refused.address}, ${NOT_PUBLIC_REASON}`;
  }

  /**
   * A `lookup` for http.request: resolves as dns.lookup does, and fails when an address the
   * connection could use is not allowed. (An IP literal in the URL is never looked up:
   * the worker checks it with `refusal` before it connects.)
   */
  readonly lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, verbatim: true } as dns.LookupAllOptions, (error, result, family?: number) => {
      if (error) return callback(error, '', 0);
      const list: dns.LookupAddress[] = Array.isArray(result) ? result : [{ address: result as unknown as string, family: family ?? 4 }];
      const refused = list.find(({ address }) => !this.allows(address));
      if (refused) {
        return callback(Object.assign(new Error(`${hostname} resolves to ${refused.address}, ${NOT_PUBLIC_REASON}`), { code: 'ETARGETREFUSED' }), '', 0);
      }
      if ((options as dns.LookupAllOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * The X-Signature header of a delivery: `t=<unix seconds>,v1=<hex>`, where hex is the
 * HMAC-SHA256, keyed with the endpoint's secret, of `<t>.<body>`. The time in the signed
 * text lets a receiver refuse old deliveries replayed to it.
 */
export function signature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
