import * as fc from 'fast-check';
import {
  endpointProps, fleetProps, fleetSpecFor, fuzzTerraform, gcpNet, gcpWhere, inTfStack, monitoredFleet, monitoringProps, networkProps,
  platformOptions, reportCounts, requirements, storageProps, withSite,
} from './harness';
import { Cloud, GpuFleetSpec, StrategySelector, gcp, GcpPlatformStack } from '../../src';

// Construct fuzz, Google Cloud: see harness.ts. FUZZ_RUNS cases each (CI: 1,000).
reportCounts(6);

test('gcp.ClusterNetwork', () => fuzzTerraform('gcp.ClusterNetwork', fc.tuple(networkProps, fc.option(fleetProps(Cloud.GCP))),
  inTfStack((s, [p, f]) => new gcp.ClusterNetwork(s, 'Network', { ...gcpWhere, ...p, fleet: f ? fleetSpecFor(Cloud.GCP, f) : undefined })), 'Network'));

test('gcp.GpuFleet', () => fuzzTerraform('gcp.GpuFleet', fleetProps(Cloud.GCP),
  inTfStack((s, p) => new gcp.GpuFleet(s, 'Fleet', { ...p, network: gcpNet(s, fleetSpecFor(Cloud.GCP, p)) })), 'Fleet'));

test('gcp.TieredStorage', () => fuzzTerraform('gcp.TieredStorage', storageProps,
  inTfStack((s, p) => new gcp.TieredStorage(s, 'Storage', { ...p, project: 'demo-project', location: 'us-east4' })), 'Storage'));

test('gcp.ModelEndpoint', () => fuzzTerraform('gcp.ModelEndpoint', endpointProps(Cloud.GCP),
  inTfStack((s, p) => new gcp.ModelEndpoint(s, 'Endpoint', { ...p, network: gcpNet(s) })), 'Endpoint'));

test('gcp.PlatformMonitoring', () => fuzzTerraform('gcp.PlatformMonitoring', monitoringProps(Cloud.GCP), inTfStack((s, p) => {
  const fleet = monitoredFleet(p.fleetType);
  const network = gcpNet(s, new GpuFleetSpec(fleet));
  new gcp.PlatformMonitoring(s, 'Monitoring', {
    alertEmail: p.alertEmail, fleet: new gcp.GpuFleet(s, 'Fleet', { ...fleet, network }), endpoint: new gcp.ModelEndpoint(s, 'Endpoint', { network }),
  });
}), 'Monitoring'));

test('GcpPlatformStack', () => fuzzTerraform('GcpPlatformStack', fc.tuple(requirements, platformOptions), (app, [r, o]) => {
  const selection = StrategySelector.select(r);
  return new GcpPlatformStack(app, 'case', { ...withSite(selection, o), selection, gcpProject: 'demo-project', region: 'us-east4' });
}, ''));
