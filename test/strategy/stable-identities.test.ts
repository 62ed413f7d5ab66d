import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import { StrategySelector, AwsPlatformStack, AzurePlatformStack, GcpPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

/**
 * Stateful resources keep their logical IDs and Terraform addresses: a refactor that changes one would make
 * CloudFormation or Terraform replace (delete) it. These lists change only deliberately.
 */
const [hybrid, cloudFirst] = DEFAULT_SCENARIOS;
const STATEFUL_CFN = ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::FSx::FileSystem', 'AWS::Logs::LogGroup', 'AWS::S3Express::DirectoryBucket'];
const STATEFUL_TF = ['google_storage_bucket', 'google_kms_crypto_key', 'google_kms_key_ring', 'google_bigquery_dataset',
  'azurerm_storage_account', 'azurerm_key_vault', 'azurerm_key_vault_key', 'azurerm_storage_container'];

function awsIds(s: typeof hybrid): string[] {
  const t = Template.fromStack(new AwsPlatformStack(new App(), 'P', { ...s.platform, selection: StrategySelector.select(s.requirements) })).toJSON();
  return Object.entries<any>(t.Resources).filter(([, r]) => STATEFUL_CFN.includes(r.Type)).map(([id, r]) => `${r.Type} ${id} ${r.DeletionPolicy}`).sort();
}
function tfAddresses(doc: any): string[] {
  return STATEFUL_TF.flatMap((type) => Object.keys(doc.resource?.[type] ?? {}).map((name) => `${type}.${name}`)).sort();
}

test('AWS stateful resources: logical IDs pinned, all retained', () => {
  expect(awsIds(hybrid)).toEqual([
    'AWS::KMS::Key DataKey5F086070 Retain',
    'AWS::KMS::Key MonitoringTopicKey423AF5B2 Retain',
    'AWS::KMS::Key NetworkFlowLogsKey9F917D90 Retain',
    'AWS::KMS::Key ServingKeyEB202FD3 Retain',
    'AWS::Logs::LogGroup NetworkFlowLogs2BEC3212 Retain',
    'AWS::S3::Bucket DataAccessLogsC0C25EE4 Retain',
    'AWS::S3::Bucket DataBucketE6B0FAA8 Retain',
  ]);
  expect(awsIds(cloudFirst)).toContain('AWS::FSx::FileSystem DataLustre6189D347 Retain');
});

test('Google Cloud and Azure stateful resources: Terraform addresses pinned', () => {
  const gcp = JSON.parse(Testing.synth(new GcpPlatformStack(Testing.app(), 'p', {
    ...hybrid.platform, selection: StrategySelector.select(hybrid.requirements), gcpProject: 'demo-project', region: 'us-east4',
  })));
  expect(tfAddresses(gcp)).toEqual([
    'google_bigquery_dataset.Serving_Logs_9A7BC7E7',
    'google_kms_crypto_key.Data_Key_64DE107E',
    'google_kms_key_ring.Data_KeyRing_AE1D7EDA',
    'google_storage_bucket.Data_Bucket_80AFC3B6',
    'google_storage_bucket.Data_LogBucket_EE9C23D5',
  ]);
  const azure = JSON.parse(Testing.synth(new AzurePlatformStack(Testing.app(), 'p', {
    ...hybrid.platform, selection: StrategySelector.select(hybrid.requirements), location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY,
  })));
  expect(tfAddresses(azure)).toEqual([
    'azurerm_key_vault.Data_KeyVault_42D3B8ED',
    'azurerm_key_vault.Serving_KeyVault_65D1218B',
    'azurerm_key_vault_key.Data_Key_64DE107E',
    'azurerm_storage_account.Data_Account_56ADE307',
    'azurerm_storage_account.Network_FlowLogStorage_0AB7F5E1',
    'azurerm_storage_account.Serving_Storage_7418B5D6',
    'azurerm_storage_container.Data_DataContainer_F0FABCD8',
  ]);
});
