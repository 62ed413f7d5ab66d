import { resourcesOf } from './util';
import { PolicyRule } from '../../core/contract';

/** A block cdktf writes as an object (one) or a list (several). */
function blocks(v: any): any[] {
  return Array.isArray(v) ? v : v ? [v] : [];
}

/**
 * Every container registry is reached through a private endpoint of the document (sub-resource `registry`) that
 * connects without manual approval and writes its A records through a DNS zone group, as cloudsploit's "ACR Private
 * Endpoints Configured" asks: without the zone group the registry's name resolves to its public address, which a
 * registry with public network access off refuses.
 * @see https://learn.microsoft.com/azure/container-registry/container-registry-private-link
 */
export const AzureRegistryPrivateEndpoint: PolicyRule = {
  id: 'AZ-ACR-2',
  description: 'Container registries have a private endpoint (sub-resource registry, automatic approval) with a DNS zone group (cloudsploit ACR Private Endpoints Configured)',
  mirrors: ['cloudsploit ACR Private Endpoints Configured'],
  resourceTypes: ['azurerm_container_registry'],
  check: (c, doc) => {
    const name = Object.entries<any>(doc?.resource?.azurerm_container_registry ?? {}).find(([, r]) => r === c)?.[0];
    const target = (v: unknown) => typeof v === 'string' && name !== undefined && v.includes(`azurerm_container_registry.${name}.`);
    const endpoints = resourcesOf(doc, 'azurerm_private_endpoint').filter(([, p]) => blocks(p.private_service_connection)
      .some((s: any) => target(s.private_connection_resource_id) && (s.subresource_names ?? []).includes('registry')));
    if (endpoints.length === 0) return [`registry ${c.name} has no private endpoint (sub-resource registry)`];
    const out: string[] = [];
    if (!endpoints.some(([, p]) => blocks(p.private_dns_zone_group).some((g: any) => (g.private_dns_zone_ids ?? []).length > 0))) {
      out.push(`the private endpoint of registry ${c.name} has no DNS zone group (its name resolves to the public address)`);
    }
    if (endpoints.every(([, p]) => blocks(p.private_service_connection).some((s: any) => s.is_manual_connection === true))) {
      out.push(`the private endpoint of registry ${c.name} waits for manual approval`);
    }
    return out;
  },
};
