import * as fc from 'fast-check';
import { fuzzAws, inStack, monitoringProps, monitoredFleet, platformOptions, reportCounts, requirements, withSite, awsNet } from './harness';
import { Cloud, EndpointMode, StrategySelector, aws, AwsPlatformStack } from '../../src';

// Construct fuzz, AWS monitoring and the platform stack (with HIPAA Security too): see harness.ts. FUZZ_RUNS cases each (CI: 1,000).
reportCounts(2);

test('aws.PlatformMonitoring', () => fuzzAws('aws.PlatformMonitoring', monitoringProps(Cloud.AWS), inStack((s, p) => {
  const network = awsNet(s);
  const fleet = new aws.GpuFleet(s, 'Fleet', { ...monitoredFleet(p.fleetType), network });
  const storage = new aws.TieredStorage(s, 'Data', { network });
  const endpoint = new aws.ModelEndpoint(s, 'Endpoint', { network, storage, mode: p.endpointMode, instanceType: p.endpointMode === EndpointMode.SERVERLESS ? undefined : 'ml.g5.xlarge' });
  new aws.PlatformMonitoring(s, 'Monitoring', { alertEmail: p.alertEmail, fleet, endpoint });
}), 'Monitoring'));

test('AwsPlatformStack', () => fuzzAws('AwsPlatformStack', fc.tuple(requirements, platformOptions), (app, id, [r, o]) => {
  const selection = StrategySelector.select(r);
  return new AwsPlatformStack(app, id, { ...withSite(selection, o), selection });
}, '', true));
