import { Accelerator, Cloud, InstanceType, InterconnectKind, StorageClasses, StorageTierClass } from '../../src';

describe('InstanceType catalog', () => {
  test('every row of cloud-facts.md is in the catalog', () => {
    const names = InstanceType.all().map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining([
      'p5.48xlarge', 'p5e.48xlarge', 'p5en.48xlarge', 'p4d.24xlarge', 'p4de.24xlarge', 'p6-b200.48xlarge',
      'trn1.32xlarge', 'trn1n.32xlarge', 'g5.xlarge', 'g6.xlarge', 'g6e.xlarge', 'inf2.xlarge',
      'a3-highgpu-8g', 'a3-megagpu-8g', 'a3-ultragpu-8g', 'a4-highgpu-8g', 'a2-highgpu-1g', 'g2-standard-4',
      'Standard_ND96isr_H100_v5', 'Standard_ND96asr_v4', 'Standard_NC24ads_A100_v4', 'Standard_NC4as_T4_v3',
    ]));
    expect(new Set(names).size).toBe(names.length);
  });

  test.each([
    ['p5.48xlarge', InterconnectKind.EFA, 32, 3200],
    ['p5en.48xlarge', InterconnectKind.EFA, 16, 3200],
    ['p4d.24xlarge', InterconnectKind.EFA, 4, 400],
    ['trn1.32xlarge', InterconnectKind.EFA, 8, 800],
    ['trn1n.32xlarge', InterconnectKind.EFA, 16, 1600],
    ['g6.xlarge', InterconnectKind.ETHERNET, 0, 10],
    ['a3-highgpu-8g', InterconnectKind.GPUDIRECT_TCPX, 4, 1000],
    ['a3-megagpu-8g', InterconnectKind.GPUDIRECT_TCPXO, 8, 1800],
    ['a3-ultragpu-8g', InterconnectKind.RDMA, 8, 3600],
    ['Standard_ND96isr_H100_v5', InterconnectKind.INFINIBAND, 8, 3200],
    ['Standard_ND96asr_v4', InterconnectKind.INFINIBAND, 8, 1600],
  ])('%s has %s with %d fabric interfaces and %d Gbps', (name, kind, fabric, gbps) => {
    const t = InstanceType.of(name);
    expect(t.network.kind).toBe(kind);
    expect(t.network.fabricNics).toBe(fabric);
    expect(t.maxGbps).toBe(gbps);
  });

  test('the full layout of every type reaches its maximum bandwidth', () => {
    for (const t of InstanceType.all()) {
      expect({ name: t.name, gbps: t.configuredGbps(t.network.hostNics, t.network.fabricNics) }).toEqual({ name: t.name, gbps: t.maxGbps });
    }
  });

  test('one EFA interface on a 32-card p5 configures 1/32 of the fabric', () => {
    expect(InstanceType.P5_48XLARGE.configuredGbps(0, 1)).toBe(100);
  });

  test('Google Cloud GPU NIC MTUs follow the blueprints (8244 for A3 High/Mega, 8896 for RDMA)', () => {
    expect(InstanceType.A3_HIGHGPU_8G.network.gpuNicMtu).toBe(8244);
    expect(InstanceType.A3_MEGAGPU_8G.network.gpuNicMtu).toBe(8244);
    expect(InstanceType.A4_HIGHGPU_8G.network.gpuNicMtu).toBe(8896);
  });

  test('every price carries its date, region and source', () => {
    const priced = InstanceType.all().filter((t) => t.spec.onDemandPrice);
    expect(priced.length).toBeGreaterThan(0);
    // a type without a price says why: sold as Capacity Blocks only, or no trustworthy price was found
    for (const t of InstanceType.all().filter((x) => !x.spec.onDemandPrice)) {
      expect({ name: t.name, why: t.spec.capacityBlocksOnly || t.spec.notes.some((n) => /no on-demand price|no price recorded|none recorded/.test(n)) })
        .toEqual({ name: t.name, why: true });
    }
    for (const t of priced) {
      const p = t.spec.onDemandPrice!;
      expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.source.length).toBeGreaterThan(10);
      expect(p.region).toBeTruthy();
      expect(p.usd).toBeGreaterThan(0);
    }
    expect(InstanceType.P5_48XLARGE.spec.onDemandPrice!.usd).toBe(55.04);
    expect(InstanceType.P5E_48XLARGE.spec.onDemandPrice).toBeUndefined();
  });

  test('accelerator details', () => {
    const t = InstanceType.of('p4de.24xlarge');
    expect(t.accelerator).toBe(Accelerator.NVIDIA_A100_80GB);
    expect(t.acceleratorCount).toBe(8);
    expect(t.accelerator.memoryGiB).toBe(80);
    expect(t.spec.vcpus).toBe(96);
  });

  test('look-up is case-insensitive and by cloud', () => {
    expect(InstanceType.of('STANDARD_ND96ISR_H100_V5')).toBe(InstanceType.STANDARD_ND96ISR_H100_V5);
    expect(InstanceType.all(Cloud.GCP).every((t) => t.cloud === Cloud.GCP)).toBe(true);
    expect(InstanceType.forCloud(Cloud.AWS, 'p5.48xlarge')).toBe(InstanceType.P5_48XLARGE);
  });

  test('fails on an unknown name with the closest known names', () => {
    expect(() => InstanceType.of('p5.48xl')).toThrow(/unknown instance type 'p5.48xl'. Closest known: p5.48xlarge/);
    expect(() => InstanceType.of('a3-mega')).toThrow(/a3-megagpu-8g/);
  });

  test('fails when a type belongs to another cloud', () => {
    expect(() => InstanceType.forCloud(Cloud.GCP, 'p5.48xlarge')).toThrow(/'p5.48xlarge' is a aws type, not gcp/);
  });
});

describe('StorageClasses', () => {
  test.each([
    [Cloud.AWS, StorageTierClass.INFREQUENT, 'STANDARD_IA', 30],
    [Cloud.AWS, StorageTierClass.DEEP_ARCHIVE, 'DEEP_ARCHIVE', 180],
    [Cloud.GCP, StorageTierClass.COLD, 'COLDLINE', 90],
    [Cloud.GCP, StorageTierClass.ARCHIVE, 'ARCHIVE', 365],
    [Cloud.AZURE, StorageTierClass.ARCHIVE, 'Archive', 180],
  ])('%s %s is %s with a %d-day minimum', (cloud, tier, name, days) => {
    const c = StorageClasses.of(cloud, tier);
    expect(c.providerName).toBe(name);
    expect(c.minimumDays).toBe(days);
  });
});
