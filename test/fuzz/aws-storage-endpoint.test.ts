import { awsNet, endpointProps, fuzzAws, inStack, reportCounts, storageProps } from './harness';
import { Cloud, aws } from '../../src';

// Construct fuzz, AWS storage and endpoint: see harness.ts. FUZZ_RUNS cases each (CI: 1,000).
reportCounts(2);

test('aws.TieredStorage', () => fuzzAws('aws.TieredStorage', storageProps,
  inStack((s, p) => new aws.TieredStorage(s, 'Storage', { ...p, network: awsNet(s) })), 'Storage'));

test('aws.ModelEndpoint', () => fuzzAws('aws.ModelEndpoint', endpointProps(Cloud.AWS), inStack((s, p) => {
  const network = awsNet(s);
  new aws.ModelEndpoint(s, 'Endpoint', { ...p, network, storage: new aws.TieredStorage(s, 'Data', { network }) });
}), 'Endpoint'));
