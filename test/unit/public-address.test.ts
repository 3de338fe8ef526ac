import { connectionRefusal } from '../../lib/net/fetch-guard';
import { nonPublicReason } from '../../lib/net/public-address';

test.each([
  ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['10.1.2.3', 'RFC 1918'], ['172.16.0.1', 'RFC 1918'], ['172.31.255.255', 'RFC 1918'],
  ['192.168.1.1', 'RFC 1918'], ['169.254.169.254', 'link-local'], ['100.64.0.1', 'carrier-grade NAT'], ['100.127.255.254', 'carrier-grade NAT'],
  ['224.0.0.251', 'multicast'], ['0.0.0.0', 'unspecified'], ['255.255.255.255', 'reserved'], ['192.0.2.10', 'documentation'],
  ['::', 'unspecified'], ['::1', 'loopback'], ['0:0:0:0:0:0:0:1', 'loopback'], ['fd00::1', 'unique local'], ['fc12:3456::1', 'unique local'], ['fe80::1', 'link-local'],
  ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'IPv4-mapped 127.0.0.1: loopback'], ['::ffff:a9fe:a9fe', 'IPv4-mapped 169.254.169.254: link-local'],
  ['::ffff:10.0.0.1', 'IPv4-mapped 10.0.0.1'], ['64:ff9b::a9fe:a9fe', 'NAT64 169.254.169.254'], ['2002:7f00:1::', '6to4 127.0.0.1'], ['[::1]', 'loopback'], ['fe80::1%eth0', 'link-local'],
])('%s is not public (%s)', (address, why) => {
  expect(nonPublicReason(address)).toContain(why);
});

test.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4001::200e'])('%s is public', (address) => {
  expect(nonPublicReason(address)).toBeUndefined();
});

test('a connection goes to a public address on 80 or 443, or to an allow-listed test site on its own port only', () => {
  expect(connectionRefusal('93.184.216.34', 443)).toBeUndefined();
  expect(connectionRefusal('93.184.216.34', 80)).toBeUndefined();
  expect(connectionRefusal('93.184.216.34', 8080)).toBe('port 8080 is not fetched: only 80 and 443');
  expect(connectionRefusal('127.0.0.1', 80)).toContain('127.0.0.1 is not a public address: loopback');
  expect(connectionRefusal('127.0.0.1', 4321, ['127.0.0.1:4321'])).toBeUndefined();
  expect(connectionRefusal('127.0.0.1', 4322, ['127.0.0.1:4321'])).toContain('not a public address');
  expect(connectionRefusal('169.254.169.254', 80, ['127.0.0.1:4321'])).toContain('link-local');
  expect(connectionRefusal('::1', 8090, ['[::1]:8090'])).toBeUndefined();
  expect(connectionRefusal('::ffff:127.0.0.1', 4321, ['127.0.0.1:4321'])).toContain('IPv4-mapped');
});
