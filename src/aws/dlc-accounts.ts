import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The account that owns the AWS Deep Learning Containers registry in regions aws-cdk-lib's region-info does not
 * know yet (`RegionInfo.dlcRepositoryAccount`, fact `dlcRepositoryAccount`). Most regions use 763104351884; opt-in
 * regions, GovCloud and China have their own. Sources: the region table of "Available Deep Learning Containers
 * Images" (https://github.com/aws/deep-learning-containers/blob/master/available_images.md,
 * https://aws.github.io/deep-learning-containers/reference/available_images/) and the SageMaker Python SDK's image
 * URI configuration (aws/sagemaker-python-sdk `src/sagemaker/image_uri_config/pytorch.json`).
 */
const BEYOND_REGION_INFO: Record<string, string> = {
  'af-south-1': '626614931356',
  'ap-northeast-3': '364406365360',
  'ap-southeast-5': '550225433462',
  'ap-southeast-7': '590183813437',
  'ca-west-1': '204538143572',
  'il-central-1': '780543022126',
  'mx-central-1': '637423239942',
  'us-gov-east-1': '446045086412',
  'us-gov-west-1': '442386744353',
};

let table: Record<string, string> | undefined;

/** Registry account of the Deep Learning Containers by region: region-info's facts, then the regions above. Internal. */
export function dlcRegistryAccounts(): Record<string, string> {
  if (!table) {
    const t: Record<string, string> = { ...BEYOND_REGION_INFO };
    for (const r of RegionInfo.regions) {
      const account = r.dlcRepositoryAccount;
      if (account) t[r.name] = account;
    }
    table = Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));
  }
  return table;
}
