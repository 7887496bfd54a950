import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResolvedAddresses, checkWebhookUrl, classifyAddress, parseIpv6 } from '../../../src/domain/notifications/webhook-url.js';

const strict = { allowPrivate: false };
const lenient = { allowPrivate: true };

describe('webhook URL checks (SSRF)', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://127.8.9.10:8080/hook', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://169.254.1.1/', 'link_local'],
    ['http://[fe80::1]/', 'link_local'],
    ['http://[febf::1]/', 'link_local'],
    ['http://[fc00::1]/', 'private'],
    ['http://[fd12:3456::1]/', 'private'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[64:ff9b::a00:1]/', 'private'],
    ['http://[2002:c0a8:101::1]/', 'private'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://3232235777/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://100.100.100.200/latest/meta-data/', 'metadata'],
    ['http://224.0.0.1/', 'multicast'],
  ])('when the URL is %s, then it is refused as %s', (url, kind) => {
    const result = checkWebhookUrl(url, strict);
    expect(result).toMatchObject({ ok: false, reason: 'address', kind });
  });

  it.each(['http://localhost/hook', 'http://LOCALHOST./hook', 'http://api.localhost/hook', 'http://redis:6379/'])('when the host is a local name (%s), then it is refused', (url) => {
    expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: false, reason: 'local_hostname' });
    expect(checkWebhookUrl(url, lenient).ok).toBe(true);
  });

  it.each([
    ['ftp://example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['not a url', 'invalid_url'],
    ['https://user:pass@example.com/', 'credentials'],
  ])('when the URL is %s, then it is refused (%s)', (url, reason) => {
    expect(checkWebhookUrl(url, lenient)).toMatchObject({ ok: false, reason });
  });

  it('when the URL is a public robot address, then it is accepted', () => {
    expect(checkWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', strict).ok).toBe(true);
    expect(checkWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=x', strict).ok).toBe(true);
    expect(checkWebhookUrl('http://8.8.8.8/', strict).ok).toBe(true);
    expect(checkWebhookUrl('http://[2400:3200::1]/', strict).ok).toBe(true);
  });

  it('when an admin allows private addresses, then loopback and intranet pass but cloud metadata and 0.0.0.0 still do not', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', lenient).ok).toBe(true);
    expect(checkWebhookUrl('http://10.0.0.5/hook', lenient).ok).toBe(true);
    expect(checkWebhookUrl('http://[fe80::1]/', lenient).ok).toBe(true);
    expect(checkWebhookUrl('http://169.254.169.254/', lenient)).toMatchObject({ ok: false, kind: 'metadata' });
    expect(checkWebhookUrl('http://0.0.0.0/', lenient)).toMatchObject({ ok: false, kind: 'unspecified' });
  });

  it('when a public name resolves to a private address at send time (DNS rebinding), then the send is refused', () => {
    expect(checkResolvedAddresses(['93.184.216.34'], strict).ok).toBe(true);
    expect(checkResolvedAddresses(['93.184.216.34', '127.0.0.1'], strict)).toMatchObject({ ok: false, reason: 'address', kind: 'loopback' });
    expect(checkResolvedAddresses(['::ffff:192.168.0.1'], strict)).toMatchObject({ ok: false, kind: 'private' });
    expect(checkResolvedAddresses(['fe80::1%eth0'], strict)).toMatchObject({ ok: false, kind: 'link_local' });
    expect(checkResolvedAddresses([], strict)).toMatchObject({ ok: false, reason: 'unresolved' });
    expect(checkResolvedAddresses(['127.0.0.1'], lenient).ok).toBe(true);
  });

  it('IPv6 parsing expands :: and embedded IPv4 tails, and rejects malformed text', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('[::ffff:1.2.3.4]')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIpv6('2001:db8::8:800:200c:417a')).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7', 'g::1', '::1.2.3', '1:2:3:4:5:6:7:8:9']) expect(parseIpv6(bad)).toBeNull();
  });

  it('every IPv4 address in 127/8, 10/8, 172.16/12, 192.168/16 and 169.254/16 is refused, also written as a number or IPv4-mapped', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(privateV4, ([a, b, c, d]) => {
        const dotted = `${a}.${b}.${c}.${d}`;
        const asNumber = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
        expect(checkWebhookUrl(`http://${dotted}/`, strict).ok).toBe(false);
        expect(checkWebhookUrl(`http://${asNumber}/`, strict).ok).toBe(false);
        expect(checkWebhookUrl(`http://0x${asNumber.toString(16)}/`, strict).ok).toBe(false);
        expect(checkWebhookUrl(`http://[::ffff:${dotted}]/`, strict).ok).toBe(false);
        expect(classifyAddress(`::ffff:${dotted}`)).not.toBe('public');
      }),
    );
  });
});
