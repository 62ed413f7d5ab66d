import { Cloud } from './cloud';
import { closestNames, isUnresolvedToken } from '../internal/text';
import { Validation, ValidationProblem } from '../validation';

/*
 * Each cloud's public regions and their zones, as of 1 December 2026.
 * Sources:
 * - AWS: "Regions and Availability Zones" (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html)
 *   and `aws ec2 describe-availability-zones --all-availability-zones`; zone letters are mapped per account (an
 *   account sees a subset, e.g. two of us-west-1's), so a letter listed here may still be absent from one account.
 *   Local and Wavelength Zones (`us-west-2-lax-1a`) are accepted by their form, they are opt-in per account.
 * - Google Cloud: "Regions and zones" (cloud.google.com/compute/docs/regions-zones), `gcloud compute zones list`.
 * - Azure: "Azure regions with availability zone support" (learn.microsoft.com/azure/reliability/availability-zones-region-support)
 *   and `az account list-locations` (the physical, non-EUAP regions).
 * A new region is one line here.
 */
const AWS_REGIONS: Record<string, string> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'af-south-1': 'abc',
  'ap-east-1': 'abc',
  'ap-east-2': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-southeast-5': 'abc',
  'ap-southeast-6': 'abc',
  'ap-southeast-7': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'eu-north-1': 'abc',
  'il-central-1': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'mx-central-1': 'abc',
  'sa-east-1': 'abc',
  'us-gov-east-1': 'abc',
  'us-gov-west-1': 'abc',
  'cn-north-1': 'abd',
  'cn-northwest-1': 'abc',
};
const GCP_REGIONS: Record<string, string> = {
  'africa-south1': 'abc',
  'asia-east1': 'abc',
  'asia-east2': 'abc',
  'asia-northeast1': 'abc',
  'asia-northeast2': 'abc',
  'asia-northeast3': 'abc',
  'asia-south1': 'abc',
  'asia-south2': 'abc',
  'asia-southeast1': 'abc',
  'asia-southeast2': 'abc',
  'australia-southeast1': 'abc',
  'australia-southeast2': 'abc',
  'europe-central2': 'abc',
  'europe-north1': 'abc',
  'europe-north2': 'abc',
  'europe-southwest1': 'abc',
  'europe-west1': 'bcd',
  'europe-west2': 'abc',
  'europe-west3': 'abc',
  'europe-west4': 'abc',
  'europe-west6': 'abc',
  'europe-west8': 'abc',
  'europe-west9': 'abc',
  'europe-west10': 'abc',
  'europe-west12': 'abc',
  'me-central1': 'abc',
  'me-central2': 'abc',
  'me-west1': 'abc',
  'northamerica-northeast1': 'abc',
  'northamerica-northeast2': 'abc',
  'northamerica-south1': 'abc',
  'southamerica-east1': 'abc',
  'southamerica-west1': 'abc',
  'us-central1': 'abcf',
  'us-east1': 'bcd',
  'us-east4': 'abc',
  'us-east5': 'abc',
  'us-south1': 'abc',
  'us-west1': 'abc',
  'us-west2': 'abc',
  'us-west3': 'abc',
  'us-west4': 'abc',
};
/** Azure locations: true where the region has availability zones. */
const AZURE_LOCATIONS: Record<string, boolean> = {
  eastus: true,
  eastus2: true,
  centralus: true,
  southcentralus: true,
  westus2: true,
  westus3: true,
  westus: false,
  northcentralus: false,
  westcentralus: false,
  canadacentral: true,
  canadaeast: false,
  brazilsouth: true,
  brazilsoutheast: false,
  mexicocentral: true,
  chilecentral: true,
  northeurope: true,
  westeurope: true,
  uksouth: true,
  ukwest: false,
  francecentral: true,
  francesouth: false,
  germanywestcentral: true,
  germanynorth: false,
  swedencentral: true,
  swedensouth: false,
  switzerlandnorth: true,
  switzerlandwest: false,
  norwayeast: true,
  norwaywest: false,
  polandcentral: true,
  italynorth: true,
  spaincentral: true,
  austriaeast: true,
  australiaeast: true,
  australiasoutheast: false,
  australiacentral: false,
  australiacentral2: false,
  newzealandnorth: true,
  japaneast: true,
  japanwest: true,
  koreacentral: true,
  koreasouth: false,
  southeastasia: true,
  eastasia: true,
  centralindia: true,
  southindia: false,
  westindia: false,
  jioindiawest: false,
  jioindiacentral: false,
  indonesiacentral: true,
  malaysiawest: true,
  qatarcentral: true,
  uaenorth: true,
  uaecentral: false,
  israelcentral: true,
  southafricanorth: true,
  southafricawest: false,
};

/**
 * The regions (Azure: locations) of each cloud and their zones, from the library's catalog (dated and sourced in
 * `src/core/catalog/regions.ts`). Constructs check every region, zone and location they accept against it.
 */
export class CloudRegions {
  /** The region names of a cloud, sorted. */
  public static names(cloud: Cloud): string[] {
    switch (cloud) {
      case Cloud.AWS: return Object.keys(AWS_REGIONS).sort();
      case Cloud.GCP: return Object.keys(GCP_REGIONS).sort();
      case Cloud.AZURE: return Object.keys(AZURE_LOCATIONS).sort();
      default: return [];
    }
  }

  /** Whether a cloud has a region of this name. */
  public static has(cloud: Cloud, region: string): boolean {
    return typeof region === 'string' && CloudRegions.names(cloud).includes(region);
  }

  /**
   * The zones of a region: AWS and Google Cloud zone names (`us-east-1a`, `us-east4-a`); Azure zone numbers
   * (`1`, `2`, `3`) where the location has availability zones. Empty for an unknown region or a location without zones.
   */
  public static zones(cloud: Cloud, region: string): string[] {
    switch (cloud) {
      case Cloud.AWS: return [...(AWS_REGIONS[region] ?? '')].map((l) => `${region}${l}`);
      case Cloud.GCP: return [...(GCP_REGIONS[region] ?? '')].map((l) => `${region}-${l}`);
      case Cloud.AZURE: return AZURE_LOCATIONS[region] ? ['1', '2', '3'] : [];
      default: return [];
    }
  }

  /** Whether a region has availability zones (every AWS and Google Cloud region; some Azure locations). */
  public static hasZones(cloud: Cloud, region: string): boolean {
    return CloudRegions.zones(cloud, region).length > 0;
  }

  private constructor() {}
}

const WORD: Record<Cloud, string> = { [Cloud.AWS]: 'an AWS region', [Cloud.GCP]: 'a Google Cloud region', [Cloud.AZURE]: 'an Azure location' };

/**
 * Problems with a region (Azure: location) a construct was given: unknown names are refused with the nearest known
 * ones. An unresolved token (an environment-agnostic stack's region) is skipped: it is only known at deploy time.
 */
export function regionProblems(cloud: Cloud, property: string, value: unknown): ValidationProblem[] {
  if (isUnresolvedToken(value)) return [];
  if (typeof value === 'string' && CloudRegions.has(cloud, value)) return [];
  const near = typeof value === 'string' && value.length > 0 ? closestNames(value, CloudRegions.names(cloud), 3) : CloudRegions.names(cloud).slice(0, 3);
  return [Validation.problem(property, value, `${WORD[cloud]} of the catalog (nearest: ${near.join(', ')}; all: CloudRegions.names('${cloud}'))`)];
}

/** Problems with a zone of `region`: one of the region's zones (an AWS Local or Wavelength Zone by its form). Tokens are skipped. */
export function zoneProblems(cloud: Cloud, property: string, zone: unknown, region: unknown): ValidationProblem[] {
  if (isUnresolvedToken(zone) || isUnresolvedToken(region) || typeof region !== 'string' || !CloudRegions.has(cloud, region)) return [];
  const zones = CloudRegions.zones(cloud, region);
  if (typeof zone === 'string' && zones.includes(zone)) return [];
  if (cloud === Cloud.AWS && typeof zone === 'string' && new RegExp(`^${region}-[a-z]+-\\d+[a-z]$`).test(zone)) return [];
  return [Validation.problem(property, zone, zones.length ? `a zone of ${region}: ${zones.join(', ')}` : `unset: ${region} has no availability zones`)];
}
