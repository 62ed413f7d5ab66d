import * as fc from 'fast-check';
import {
  azNet, azWhere, endpointProps, fleetProps, fleetSpecFor, fuzzTerraform, inTfStack, monitoredFleet, monitoringProps, networkProps,
  platformOptions, reportCounts, requirements, storageProps, withSite,
} from './harness';
import { Cloud, GpuFleetSpec, StrategySelector, azure, AzurePlatformStack } from '../../src';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

// Construct fuzz, Azure: see harness.ts. FUZZ_RUNS cases each (CI: 1,000).
reportCounts(6);
const key = DEMO_ADMIN_SSH_PUBLIC_KEY;

test('azure.ClusterNetwork', () => fuzzTerraform('azure.ClusterNetwork', fc.tuple(networkProps, fc.option(fleetProps(Cloud.AZURE))),
  inTfStack((s, [p, f]) => new azure.ClusterNetwork(s, 'Network', { ...azWhere, ...p, fleet: f ? fleetSpecFor(Cloud.AZURE, f) : undefined })), 'Network'));

test('azure.GpuFleet', () => fuzzTerraform('azure.GpuFleet', fleetProps(Cloud.AZURE),
  inTfStack((s, p) => new azure.GpuFleet(s, 'Fleet', { ...p, network: azNet(s, fleetSpecFor(Cloud.AZURE, p)), adminSshPublicKey: key })), 'Fleet'));

test('azure.TieredStorage', () => fuzzTerraform('azure.TieredStorage', storageProps,
  inTfStack((s, p) => new azure.TieredStorage(s, 'Storage', { ...p, ...azWhere, network: azNet(s) })), 'Storage'));

test('azure.ModelEndpoint', () => fuzzTerraform('azure.ModelEndpoint', endpointProps(Cloud.AZURE),
  inTfStack((s, p) => new azure.ModelEndpoint(s, 'Endpoint', { ...p, network: azNet(s) })), 'Endpoint'));

test('azure.PlatformMonitoring', () => fuzzTerraform('azure.PlatformMonitoring', monitoringProps(Cloud.AZURE), inTfStack((s, p) => {
  const fleet = monitoredFleet(p.fleetType);
  const network = azNet(s, new GpuFleetSpec(fleet));
  new azure.PlatformMonitoring(s, 'Monitoring', {
    alertEmail: p.alertEmail,
    fleet: new azure.GpuFleet(s, 'Fleet', { ...fleet, network, adminSshPublicKey: key }),
    endpoint: new azure.ModelEndpoint(s, 'Endpoint', { network }),
  });
}), 'Monitoring'));

test('AzurePlatformStack', () => fuzzTerraform('AzurePlatformStack', fc.tuple(requirements, platformOptions), (app, [r, o]) => {
  const selection = StrategySelector.select(r);
  return new AzurePlatformStack(app, 'case', { ...withSite(selection, o), selection, location: 'eastus', adminSshPublicKey: key });
}, ''));
