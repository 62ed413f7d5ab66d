import { Cloud } from './cloud';
import { closestNames, isUnresolvedToken } from '../internal/text';
import { Validation, ValidationProblem } from '../validation';

/*
 * Each cloud's public regions and their zones, as of 1 December 2026; checked against primary sources on
 * 7 December 2026 (what could not be checked is marked UNVERIFIED).
 * - AWS regions: every region of the `aws`, `aws-cn` and `aws-us-gov` partitions in botocore's
 *   `botocore/data/partitions.json` (github.com/boto/botocore, last changed in commit e3ae2081, 2026-01-15) and
 *   `endpoints.json` (same repository, commit 0e6e2404, 2026-08-07): 34 + 2 + 2 regions, all listed here, none
 *   extra. aws-cdk-lib 2.276 `region-info` (`AWS_REGIONS`) lists the same plus `me-west-1`, which no botocore
 *   partition holds yet: not listed (UNVERIFIED). Not listed on purpose: the ISO partitions (not public) and the
 *   European Sovereign Cloud's `eusc-de-east-1` (partition `aws-eusc`; its zone letters UNVERIFIED).
 *   Zone letters: AWS publishes AZ IDs per region (docs.aws.amazon.com/global-infrastructure/latest/regions/
 *   aws-availability-zones.html), not letters; in the oldest regions letters are mapped per account (accounts
 *   created before November 2025), so the letters here are the union an account may see, e.g. ap-northeast-1's
 *   `b` (apne1-az3) that only older accounts see (`aws ec2 describe-availability-zones` output in
 *   gist.github.com/tnir/c54bf97ed93b5c6ccf714bc3958f47f3). A letter listed here may still be absent from one
 *   account. Letters were not re-checked region by region against `describe-availability-zones`: UNVERIFIED
 *   beyond the regions named here. Local and Wavelength Zones (`us-west-2-lax-1a`) are accepted by their form,
 *   they are opt-in per account.
 * - Google Cloud: the 42 regions of "Regions and zones" (cloud.google.com/compute/docs/regions-zones), checked
 *   against the Memorystore "Regions and zones" page (cloud.google.com/memorystore/docs/memcached/regions), the
 *   Unified Maintenance locations page (docs.cloud.google.com/unified-maintenance/docs/locations, with
 *   europe-north2) and a copy of Google's list with northamerica-south1 (docs.velt.dev/security/supported-regions):
 *   no region missing or extra. Zones: the Memorystore page lists them per region (us-central1 a, b, c, f;
 *   africa-south1 through australia-southeast1 a, b, c), and the zone list that coder/modules generates from
 *   `gcloud compute zones list` (gcp-region/main.tf, commit a8c659ad, 2024-04-15) gives the same letters for all 39
 *   regions it holds (us-east1 b, c, d and europe-west1 b, c, d included) but europe-west3, where it has b, c, d
 *   while the Compute Engine page has a, b, c and the google provider's acceptance tests use europe-west3-a: both
 *   are accepted (a, b, c, d). The letters of africa-south1, europe-north2 and northamerica-south1 are newer than
 *   that list: a, b, c from the Compute Engine page (africa-south1 also on the Memorystore page), the other two
 *   UNVERIFIED. us-central2 (TPU v4, allowlisted) is not public: not listed.
 * - Azure: "Azure regions list" (learn.microsoft.com/azure/reliability/regions-list, the version with programmatic
 *   names and zone counts; source MicrosoftDocs/azure-docs articles/reliability/regions-list.md) and
 *   `az account list-locations` (the physical, non-EUAP regions): Belgium Central (3 zones) was missing and is
 *   added; Austria East has 3 zones. The zone flags of chilecentral and malaysiawest could not be read from the
 *   table version at hand: UNVERIFIED.
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
  'ap-northeast-1': 'abcd',
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
  'europe-west3': 'abcd',
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
  belgiumcentral: true,
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
