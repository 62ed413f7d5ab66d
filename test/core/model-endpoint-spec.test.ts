import { Cloud, EndpointMode, ModelEndpointSpec } from '../../src';

function props(cloud: Cloud, p: any) {
  return new ModelEndpointSpec(p).validate(cloud).map((x) => x.property);
}

describe('ModelEndpointSpec', () => {
  test('defaults are valid on every cloud, with a type per cloud', () => {
    const s = new ModelEndpointSpec();
    for (const c of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) expect(s.validate(c)).toEqual([]);
    expect(s.instanceTypeFor(Cloud.AWS)).toBe('ml.g5.xlarge');
    expect(s.autoscaling).toBe(true);
    expect(s.privateOnly).toBe(true);
  });

  test.each<[string, Cloud, any, string]>([
    ['a non-ml type on AWS', Cloud.AWS, { instanceType: 'g5.xlarge' }, 'instanceType'],
    ['ml.t* with autoscaling', Cloud.AWS, { instanceType: 'ml.t3.medium' }, 'instanceType'],
    ['an unknown Azure SKU', Cloud.AZURE, { instanceType: 'Standard_X1' }, 'instanceType'],
    ['a bad machine type', Cloud.GCP, { instanceType: 'G2 Standard' }, 'instanceType'],
    ['max below min', Cloud.AWS, { minInstances: 3, maxInstances: 2 }, 'maxInstances'],
    ['zero instances', Cloud.AWS, { minInstances: 0 }, 'minInstances'],
    ['capture over 100%', Cloud.AWS, { dataCapturePercent: 101 }, 'dataCapturePercent'],
    ['serverless with an instance type', Cloud.AWS, { mode: EndpointMode.SERVERLESS, instanceType: 'ml.g5.xlarge' }, 'instanceType'],
    ['serverless memory not a multiple of 1024', Cloud.AWS, { mode: EndpointMode.SERVERLESS, serverlessMemoryMiB: 1500 }, 'serverlessMemoryMiB'],
    ['serverless memory on a realtime endpoint', Cloud.AWS, { serverlessMemoryMiB: 2048 }, 'serverlessMemoryMiB'],
    ['a flag that is not a boolean (found by the construct fuzz: it reached CfnModel)', Cloud.AWS, { networkIsolation: {} }, 'networkIsolation'],
    ['privateOnly as a string', Cloud.GCP, { privateOnly: 'yes' }, 'privateOnly'],
  ])('fails on %s', (_n, cloud, p, property) => {
    expect(props(cloud, p)).toContain(property);
  });

  test('ml.t* is fine without autoscaling', () => {
    expect(props(Cloud.AWS, { instanceType: 'ml.t3.medium', minInstances: 1, maxInstances: 1 })).toEqual([]);
  });
});
