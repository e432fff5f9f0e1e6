import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPrivateHost } from './private-address.rule.ts';

describe('isPrivateAddress', () => {
  it.each([
    // IPv4
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['10.0.0.5', true],
    ['10.255.255.255', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.15.255.255', false],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['192.169.0.1', false],
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['100.100.100.200', true],
    ['100.63.255.255', false],
    ['0.0.0.0', true],
    ['0.1.2.3', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['198.18.0.1', true],
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['203.0.113.10', false],
    ['11.0.0.1', false],
    // IPv6
    ['::1', true],
    ['[::1]', true],
    ['::', true],
    ['fc00::1', true],
    ['fd12:3456:789a::1', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['febf::1', true],
    ['fec0::1', true],
    ['ff02::1', true],
    ['2001:4860:4860::8888', false],
    ['2606:4700::1111', false],
    ['fbff::1', false],
    // IPv4 inside IPv6
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['[::ffff:a00:5]', true],
    ['::ffff:169.254.169.254', true],
    ['::ffff:8.8.8.8', false],
    ['::ffff:808:808', false],
    ['::127.0.0.1', true],
    ['64:ff9b::10.0.0.1', true],
    ['64:ff9b::8.8.8.8', false],
    ['2002:c0a8:101::1', true],
    ['2002:808:808::1', false],
    // not an address
    ['example.com', false],
    ['', false],
    ['999.1.1.1', false],
  ] as const)('%s → %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe('isPrivateHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['example.com', false],
    ['localhost.example.com', false],
    ['8.8.8.8', false],
  ] as const)('%s → %s', (host, expected) => {
    expect(isPrivateHost(host)).toBe(expected);
  });
});
