import * as fc from 'fast-check';
import { awsNet, fleetProps, fleetSpecFor, fuzzAws, inStack, networkProps, reportCounts } from './harness';
import { Cloud, aws } from '../../src';

// Construct fuzz, AWS network and fleet: see harness.ts. FUZZ_RUNS cases each (CI: 1,000).
reportCounts(2);

test('aws.ClusterNetwork', () => fuzzAws('aws.ClusterNetwork', fc.tuple(networkProps, fc.option(fleetProps(Cloud.AWS))),
  inStack((s, [p, f]) => new aws.ClusterNetwork(s, 'Network', { ...p, fleet: f ? fleetSpecFor(Cloud.AWS, f) : undefined })), 'Network'));

test('aws.GpuFleet', () => fuzzAws('aws.GpuFleet', fleetProps(Cloud.AWS),
  inStack((s, p) => new aws.GpuFleet(s, 'Fleet', { ...p, network: awsNet(s, fleetSpecFor(Cloud.AWS, p)) })), 'Fleet'));
