/**
 * Where a webhook may point (SSRF rules), as pure checks: a URL at configuration time, and the
 * addresses its host resolves to at send time (so DNS rebinding cannot turn an accepted public name
 * into a loopback or intranet address).
 *
 * Hostnames are read through the WHATWG URL parser, which already turns IPv4 tricks
 * (`http://2130706433/`, `http://0x7f.1/`, `http://0177.0.0.1/`) into dotted decimal; the address
 * checks below then only need canonical forms.
 */

/** What an address is, from an SSRF point of view. Only `public` is reachable without `allowPrivate`. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link_local' | 'unspecified' | 'multicast' | 'reserved' | 'metadata';

/** Kinds an admin may open up with `allowPrivate` (a test receiver, an intranet robot). */
const ALLOWED_WHEN_PRIVATE: ReadonlySet<AddressKind> = new Set(['loopback', 'private', 'link_local', 'reserved']);

export type WebhookUrlRefusal = 'invalid_url' | 'scheme' | 'credentials' | 'too_long' | 'local_hostname' | 'address' | 'unresolved';

export type WebhookUrlCheck = { ok: true; url: URL; hostname: string } | { ok: false; reason: WebhookUrlRefusal; message: string; kind?: AddressKind };

export interface WebhookAddressPolicy {
  /** Loopback, private and link-local addresses allowed (admin only). Cloud metadata stays refused. */
  allowPrivate: boolean;
}

const MAX_URL_LENGTH = 2000;

/** Strict dotted-decimal IPv4 (what the URL parser and DNS hand back) → 4 octets, or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    octets.push(n);
  }
  return octets;
}

/** IPv6 text (brackets and a `%zone` allowed, embedded IPv4 tail allowed) → 8 groups of 16 bits, or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded IPv4 tail (`::ffff:127.0.0.1`) becomes the two 16-bit groups it stands for.
    const v4 = parseIpv4(last);
    if (!v4) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    s = `${s.slice(0, lastColon + 1)}${hex(v4[0] ?? 0, v4[1] ?? 0)}:${hex(v4[2] ?? 0, v4[3] ?? 0)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string | undefined): number[] | null => {
    if (part === undefined || part === '') return [];
    const groups: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]);
  const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !rest) return null;
  const given = head.length + rest.length;
  if (halves.length === 2) {
    if (given > 7) return null;
    return [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  }
  return given === 8 ? head : null;
}

function classifyIpv4(o: number[]): AddressKind {
  const [a = 0, b = 0, c = 0, d = 0] = o;
  const ip = `${a}.${b}.${c}.${d}`;
  if (ip === '169.254.169.254' || ip === '169.254.170.2' || ip === '100.100.100.200') return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
  if (a === 169 && b === 254) return 'link_local';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved'; // includes 255.255.255.255
  if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  return 'public';
}

function embeddedIpv4(g: number[]): number[] {
  const hi = g[6] ?? 0;
  const lo = g[7] ?? 0;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function classifyIpv6(g: number[]): AddressKind {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judged as the IPv4 address they carry.
  if (firstFiveZero && (g5 === 0xffff || g5 === 0)) return classifyIpv4(embeddedIpv4(g));
  // NAT64 (64:ff9b::/96) reaches the IPv4 address it carries.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIpv4(embeddedIpv4(g));
  // 6to4 (2002::/16) carries an IPv4 address in groups 1–2.
  if (g0 === 0x2002) return classifyIpv4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]);
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 0x254) return 'metadata';
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if (g0 === 0x2001 && g1 === 0) return 'reserved'; // Teredo can hide an IPv4 address
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard prefix
  if ((g0 & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3
  return 'public';
}

/** The kind of an IP address in text, or null when the text is not an IP address. */
export function classifyAddress(text: string): AddressKind | null {
  const v4 = parseIpv4(text);
  if (v4) return classifyIpv4(v4);
  const v6 = parseIpv6(text);
  return v6 ? classifyIpv6(v6) : null;
}

/** Whether a webhook may connect to an address of this kind under the policy. */
export function addressAllowed(kind: AddressKind, policy: WebhookAddressPolicy): boolean {
  return kind === 'public' || (policy.allowPrivate && ALLOWED_WHEN_PRIVATE.has(kind));
}

const kindLabels: Record<AddressKind, string> = {
  public: '公网地址',
  loopback: '本机回环地址',
  private: '内网地址',
  link_local: '链路本地地址',
  unspecified: '未指定地址',
  multicast: '组播地址',
  reserved: '保留地址',
  metadata: '云平台元数据地址',
};

const refuse = (reason: WebhookUrlRefusal, message: string, kind?: AddressKind): WebhookUrlCheck => ({ ok: false, reason, message, ...(kind ? { kind } : {}) });

/** Configuration-time check: http(s) only, no credentials, and no non-public literal address or local name. */
export function checkWebhookUrl(raw: string, policy: WebhookAddressPolicy): WebhookUrlCheck {
  if (raw.length > MAX_URL_LENGTH) return refuse('too_long', `Webhook 地址过长（不超过 ${MAX_URL_LENGTH} 个字符）`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse('invalid_url', 'Webhook 地址不是合法的 URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('scheme', 'Webhook 地址只支持 http 或 https');
  if (url.username || url.password) return refuse('credentials', 'Webhook 地址不能包含用户名或密码');
  const hostname = url.hostname.toLowerCase();
  const literal = classifyAddress(hostname.startsWith('[') ? hostname.slice(1, -1) : hostname);
  if (literal) {
    if (!addressAllowed(literal, policy)) return refuse('address', `Webhook 地址指向${kindLabels[literal]}，已拒绝`, literal);
    return { ok: true, url, hostname };
  }
  const bare = hostname.replace(/\.$/, '');
  const local = bare === 'localhost' || bare.endsWith('.localhost') || !bare.includes('.');
  if (local && !policy.allowPrivate) return refuse('local_hostname', 'Webhook 地址指向本机或内网主机名，已拒绝', 'loopback');
  return { ok: true, url, hostname: bare };
}

/** Send-time check of every address the host resolved to: one refused address refuses the send. */
export function checkResolvedAddresses(addresses: readonly string[], policy: WebhookAddressPolicy): WebhookUrlCheck | { ok: true } {
  if (addresses.length === 0) return refuse('unresolved', 'Webhook 主机名无法解析');
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (!kind) return refuse('unresolved', `Webhook 主机名解析结果不是 IP 地址：${address}`);
    if (!addressAllowed(kind, policy)) return refuse('address', `Webhook 主机名解析到${kindLabels[kind]}（${address}），已拒绝`, kind);
  }
  return { ok: true };
}
