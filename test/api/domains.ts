import { unique } from '../helpers/temporal';
import type { World } from '../helpers/world';

/** A registered counterfeit shop in the test world: the RDAP fixture holds it and the DNS points it at the shop. */
export function addShop(world: World, prefix = 'luxury-outlet-', registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' }): string {
  const domain = `${unique(prefix)}.com`;
  world.rdap.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example', 'ns2.bulletproof.example'] });
  world.dns.set(domain, { A: ['127.0.0.1'] });
  return domain;
}

/** How an agent pastes the shop: a link on the test shop's port, so evidence capture reaches it. */
export const shopUrl = (world: World, domain: string) => `http://${domain}:${world.shop.port}/`;
