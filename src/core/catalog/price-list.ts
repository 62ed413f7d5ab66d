import { Cloud } from './cloud';
import { Price } from './price';
import { ServingType } from './serving-type';

const FACTS = 'docs/reference/cloud-facts.md (Nov 2026)';
const AWS_PAGES = 'aws.amazon.com pricing pages, us-east-1 (not in cloud-facts.md: verify)';
const GCP_PAGES = 'cloud.google.com pricing pages (not in cloud-facts.md: verify)';
const AZURE_PAGES = 'azure.microsoft.com pricing pages (not in cloud-facts.md: verify)';

function gbMonth(usd: number, region: string, source: string, asOf = '2026-11-01'): Price {
  return { usd, unit: 'GB-month', region, asOf, source };
}
function hour(usd: number, region: string, source: string, asOf = '2026-11-01'): Price {
  return { usd, unit: 'hour', region, asOf, source };
}

/** The class objects start in, per cloud. */
const HOT_CLASS: Record<string, string> = { [Cloud.AWS]: 'STANDARD', [Cloud.GCP]: 'STANDARD', [Cloud.AZURE]: 'Hot' };

/** Storage prices per provider class name. */
const STORAGE: Record<Cloud, Record<string, Price>> = {
  [Cloud.AWS]: {
    STANDARD: gbMonth(0.023, 'us-east-1', FACTS),
    STANDARD_IA: gbMonth(0.0125, 'us-east-1', AWS_PAGES),
    GLACIER_IR: gbMonth(0.004, 'us-east-1', AWS_PAGES),
    GLACIER: gbMonth(0.0036, 'us-east-1', AWS_PAGES),
    DEEP_ARCHIVE: gbMonth(0.00099, 'us-east-1', FACTS),
    EXPRESS_ONEZONE: gbMonth(0.11, 'us-east-1', FACTS),
  },
  [Cloud.GCP]: {
    STANDARD: gbMonth(0.020, 'us-central1', FACTS),
    NEARLINE: gbMonth(0.010, 'us-central1', FACTS),
    COLDLINE: gbMonth(0.004, 'us-central1', FACTS),
    ARCHIVE: gbMonth(0.0012, 'us-central1', FACTS),
  },
  [Cloud.AZURE]: {
    Hot: gbMonth(0.0184, 'eastus', `${FACTS}; weak source`),
    Cool: gbMonth(0.01, 'eastus', `${FACTS}; weak source`),
    // Cold LRS: a secondary source only (docs/reference/catalog-audit-2026-12.md: the Cool price used before
    // overstated Cold about 2.8x)
    Cold: gbMonth(0.0036, 'eastus2', 'SECONDARY: kubequest AZ-104 notes (LRS, East US 2) and techjacksolutions, as docs/reference/catalog-audit-2026-12.md records them', '2026-12-01'),
    Archive: gbMonth(0.00099, 'eastus', `${FACTS}; weak source`),
  },
};

/** Fixed network prices, per hour of one unit. */
const NETWORK: Record<Cloud, Record<string, Price>> = {
  [Cloud.AWS]: {
    'vpn-connection': hour(0.05, 'us-east-1', AWS_PAGES),
    'nat-gateway': hour(0.045, 'us-east-1', AWS_PAGES),
    'interface-endpoint-az': hour(0.01, 'us-east-1', AWS_PAGES),
  },
  [Cloud.GCP]: {
    'vpn-tunnel': hour(0.05, 'us-central1', GCP_PAGES),
    'nat-gateway': hour(0.045, 'us-central1', GCP_PAGES),
  },
  [Cloud.AZURE]: {
    'vpn-connection': hour(0.19, 'eastus', `${AZURE_PAGES}: VpnGw1 gateway hour`),
    'nat-gateway': hour(0.045, 'eastus', AZURE_PAGES),
    'interface-endpoint-az': hour(0.01, 'eastus', `${AZURE_PAGES}: private endpoint hour`),
  },
};

/**
 * Prices beyond the instance catalog: storage per class, serving instances, fixed network costs.
 * Each with its date and source; a price missing here is reported as unpriced, never guessed.
 */
export class PriceList {
  /** Price of a provider storage class (`STANDARD_IA`, `NEARLINE`, `Cool`, ...), or undefined. */
  public static storage(cloud: Cloud, providerClass: string): Price | undefined {
    return STORAGE[cloud]?.[providerClass];
  }

  /** The hot (default) class of a cloud's object storage. */
  public static hotClass(cloud: Cloud): string {
    const hot = HOT_CLASS[cloud];
    if (hot === undefined) throw new Error(`[ai-infra] PriceList.hotClass: cloud = '${cloud}': allowed: ${Object.keys(HOT_CLASS).join(', ')}`);
    return hot;
  }

  /** Price per instance-hour of a managed endpoint's serving type (`ServingType.price`), in any cloud, or undefined. */
  public static serving(instanceType: string): Price | undefined {
    return ServingType.find(instanceType)?.price;
  }

  /** Every storage price of a cloud, by provider class name. */
  public static storageClasses(cloud: Cloud): Record<string, Price> {
    return { ...(STORAGE[cloud] ?? {}) };
  }

  /** Every fixed network price of a cloud, by component name. */
  public static networkComponents(cloud: Cloud): Record<string, Price> {
    return { ...(NETWORK[cloud] ?? {}) };
  }

  /** Hourly price of a network component (`vpn-connection`, `vpn-tunnel`, `nat-gateway`, `interface-endpoint-az`), or undefined. */
  public static network(cloud: Cloud, component: string): Price | undefined {
    return NETWORK[cloud]?.[component];
  }

  private constructor() {}
}
