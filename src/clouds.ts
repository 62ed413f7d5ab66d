/**
 * The registry of clouds: the one place that maps a cloud to its folder. Governance, the demo and the CLI look a
 * cloud up here instead of switching over its name; an unknown cloud is an error, never a fall-through.
 * Each entry loads `src/<cloud>/cloud.ts` on first use (a pure module: facts reader, policy rules, capability
 * table; no cloud library), so looking up Google Cloud never loads AWS code. Adding a cloud: see
 * docs/ARCHITECTURE.md. Internal: not part of the jsii API.
 */
import { Cloud } from './core/catalog/cloud';
import { CloudDefinition } from './core/contract';

/* eslint-disable @typescript-eslint/no-require-imports */
const REGISTRY: Record<Cloud, () => CloudDefinition> = {
  [Cloud.AWS]: () => require('./aws/cloud').AWS_CLOUD,
  [Cloud.GCP]: () => require('./gcp/cloud').GCP_CLOUD,
  [Cloud.AZURE]: () => require('./azure/cloud').AZURE_CLOUD,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The clouds the registry knows, in registry order. */
export const CLOUDS: Cloud[] = Object.keys(REGISTRY) as Cloud[];

/**
 * The definition of one cloud.
 *
 * @param cloud a cloud id (`aws`, `gcp`, `azure`)
 * @param context who asks, named in the error (e.g. `CostEstimator.ofTerraform`)
 * @throws an Error naming the unknown cloud and the known ones
 */
export function cloudDefinition(cloud: string, context = 'cloud'): CloudDefinition {
  const entry = (REGISTRY as Record<string, (() => CloudDefinition) | undefined>)[cloud];
  if (!Object.prototype.hasOwnProperty.call(REGISTRY, cloud) || entry === undefined) {
    throw new Error(`[ai-infra] ${context}: cloud = '${cloud}': allowed: ${CLOUDS.join(', ')}`);
  }
  return entry();
}

/** Every cloud's definition. */
export function cloudDefinitions(): CloudDefinition[] {
  return CLOUDS.map((c) => cloudDefinition(c));
}

/**
 * The cloud a synthesized document belongs to (a CloudFormation template or a Terraform JSON document).
 *
 * @throws when no cloud claims it
 */
export function cloudOfDocument(document: any, context = 'document'): CloudDefinition {
  const found = cloudDefinitions().find((c) => c.owns(document));
  if (!found) {
    throw new Error(`[ai-infra] ${context}: not a synthesized stack of a known cloud (${CLOUDS.join(', ')}): ` +
      'expected a CloudFormation template with Resources, or a Terraform JSON document with resources of a known provider');
  }
  return found;
}

/**
 * The definition of a cloud whose stacks are Terraform documents.
 *
 * @throws for an unknown cloud, or one synthesized with CloudFormation
 */
export function terraformCloud(cloud: string, context: string): CloudDefinition {
  const d = cloudDefinition(cloud, context);
  if (d.engine !== 'terraform') {
    throw new Error(`[ai-infra] ${context}: cloud = '${cloud}': allowed: ${cloudDefinitions().filter((c) => c.engine === 'terraform').map((c) => c.cloud).join(', ')} (Terraform clouds)`);
  }
  return d;
}
