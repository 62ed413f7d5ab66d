import {
  Accelerator, Cloud, ConsumptionOption, CpuArchitecture, GpuFleetSpec, InstanceType, InterconnectKind, PurchaseOption, StorageClasses, StorageTierClass,
} from '../../src';

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

describe('InstanceType catalog: issue 15 (current generation, wrong facts, consumption options)', () => {
  test('the current generation is in the catalog', () => {
    expect(InstanceType.all().map((t) => t.name)).toEqual(expect.arrayContaining([
      'p6-b300.48xlarge', 'trn2.48xlarge', 'p6e-gb200.36xlarge', 'g6e.48xlarge', 'g7e.48xlarge', 'g7e.2xlarge',
      'inf2.48xlarge', 'p5.4xlarge', 'a4x-highgpu-4g', 'a3-edgegpu-8g',
      'Standard_ND96isr_H200_v5', 'Standard_ND128isr_NDR_GB200_v6', 'Standard_ND96isr_MI300X_v5',
    ]));
  });

  test.each([
    ['p6-b300.48xlarge', InterconnectKind.EFA, 16, 6400],
    ['p6e-gb200.36xlarge', InterconnectKind.EFA, 16, 3200],
    ['trn2.48xlarge', InterconnectKind.EFA, 16, 3200],
    ['g6e.48xlarge', InterconnectKind.EFA, 4, 400],
    ['g7e.48xlarge', InterconnectKind.EFA, 4, 1600],
    ['g7e.2xlarge', InterconnectKind.ETHERNET, 0, 50],
    ['inf2.48xlarge', InterconnectKind.ETHERNET, 0, 100],
    ['p5.4xlarge', InterconnectKind.EFA, 1, 100],
    ['a4x-highgpu-4g', InterconnectKind.RDMA, 4, 2000],
    ['a3-edgegpu-8g', InterconnectKind.GPUDIRECT_TCPX, 4, 600],
    ['Standard_ND96isr_H200_v5', InterconnectKind.INFINIBAND, 8, 3200],
    ['Standard_ND128isr_NDR_GB200_v6', InterconnectKind.INFINIBAND, 4, 1600],
    ['Standard_ND96isr_MI300X_v5', InterconnectKind.INFINIBAND, 8, 3200],
  ])('%s has %s with %d fabric interfaces and %d Gbps', (name, kind, fabric, gbps) => {
    const t = InstanceType.of(name);
    expect([t.network.kind, t.network.fabricNics, t.maxGbps, t.layoutGbps]).toEqual([kind, fabric, gbps, gbps]);
  });

  test('p6-b300: 17 network cards, card 0 ENA only, one EFA on each of the other 16', () => {
    const n = InstanceType.P6_B300_48XLARGE.network;
    expect([n.networkCards, n.hostOnlyCards, n.fabricNicsPerCard, n.fabricNics, n.fabricNicGbps]).toEqual([17, 1, 1, 16, 400]);
    // the types whose card 0 carries EFA keep hostOnlyCards 0
    expect(InstanceType.P5_48XLARGE.network.hostOnlyCards).toBe(0);
    expect(InstanceType.P6_B200_48XLARGE.network.hostOnlyCards).toBe(0);
  });

  test('a4x: one RDMA NIC per GPU (4 RDMA subnets), with 2 host gVNICs; the 1x72 slice', () => {
    const t = InstanceType.A4X_HIGHGPU_4G;
    expect([t.acceleratorCount, t.network.fabricNics, t.network.hostNics, t.network.rdmaNetworkProfile, t.spec.gpuTopology]).toEqual([4, 4, 2, 'vpc-roce', '1x72']);
  });

  test('wrong fact fixed: p5e.48xlarge is sold with spot, is not Capacity Blocks only, and has no on-demand price', () => {
    const s = InstanceType.P5E_48XLARGE.spec;
    expect([s.spotSupported, s.capacityBlocksOnly, s.capacityBlocks, s.onDemandPrice]).toEqual([true, false, true, undefined]);
    expect(s.consumptionOptions).toEqual([ConsumptionOption.SPOT, ConsumptionOption.CAPACITY_BLOCK]);
  });

  test('wrong fact fixed: a3-megagpu-8g has its own accelerator type (nvidia-h100-mega-80gb / NVIDIA_H100_MEGA_80GB)', () => {
    const a = InstanceType.A3_MEGAGPU_8G.accelerator;
    expect([a.gcpType, a.vertexType]).toEqual(['nvidia-h100-mega-80gb', 'NVIDIA_H100_MEGA_80GB']);
    expect(InstanceType.A3_HIGHGPU_8G.accelerator.gcpType).toBe('nvidia-h100-80gb');
  });

  test('wrong fact fixed: Standard_ND96asr_v4 has 24 Gbps of front-end Ethernet', () => {
    expect(InstanceType.STANDARD_ND96ASR_V4.network.frontEndGbps).toBe(24);
  });

  test('architecture and vendor: Grace types are arm64, MI300X is AMD, everything else x86_64', () => {
    const arm = InstanceType.all().filter((t) => t.architecture === CpuArchitecture.ARM64).map((t) => t.name).sort();
    expect(arm).toEqual(['Standard_ND128isr_NDR_GB200_v6', 'a4x-highgpu-4g', 'p6e-gb200.36xlarge']);
    expect(InstanceType.STANDARD_ND96ISR_MI300X_V5.accelerator.vendor).toBe('amd');
    expect(Accelerator.all().map((a) => a.vendor).sort().filter((v, i, xs) => xs.indexOf(v) === i)).toEqual(['amd', 'aws', 'nvidia']);
  });

  test('the consumption flags follow the options, and every type says where they were checked', () => {
    for (const t of InstanceType.all()) {
      const s = t.spec;
      expect(s.consumptionOptions.length).toBeGreaterThan(0);
      expect({ name: t.name, spot: s.spotSupported, cb: s.capacityBlocks })
        .toEqual({ name: t.name, spot: s.consumptionOptions.includes(ConsumptionOption.SPOT), cb: s.consumptionOptions.includes(ConsumptionOption.CAPACITY_BLOCK) });
      expect(s.consumptionSource.length).toBeGreaterThan(10);
      // Capacity Blocks are an AWS product
      if (t.cloud !== Cloud.AWS) expect({ name: t.name, cb: s.capacityBlocks }).toEqual({ name: t.name, cb: false });
    }
  });

  test.each([
    ['p6e-gb200.36xlarge', [ConsumptionOption.CAPACITY_BLOCK]],
    ['trn2.48xlarge', [ConsumptionOption.SPOT, ConsumptionOption.CAPACITY_BLOCK]],
    ['a4x-highgpu-4g', [ConsumptionOption.RESERVATION, ConsumptionOption.SPOT, ConsumptionOption.FLEX_START]],
  ])('%s is not sold on demand', (name, options) => {
    const t = InstanceType.of(name);
    expect(t.spec.consumptionOptions).toEqual(options);
    expect(t.sells(ConsumptionOption.ON_DEMAND)).toBe(false);
    expect(t.spec.onDemandPrice).toBeUndefined();
  });

  test('a type not sold on demand refuses the default purchase, naming the option to choose', () => {
    const p = new GpuFleetSpec({ instanceType: InstanceType.A4X_HIGHGPU_4G }).validate(Cloud.GCP);
    expect(p.map((x) => [x.property, x.value])).toEqual([['purchase', "'on-demand (the default)'"]]);
    expect(p[0].allowed).toMatch(/^PurchaseOption\.reservation\(id\) or PurchaseOption\.spot\(\): a4x-highgpu-4g is sold as reservation, spot, flex-start only/);
    expect(new GpuFleetSpec({ instanceType: InstanceType.A4X_HIGHGPU_4G, purchase: PurchaseOption.reservation('a4x-res') }).validate(Cloud.GCP)).toEqual([]);
  });

  test('new prices carry their source; unknown prices stay undefined', () => {
    expect(InstanceType.P6_B300_48XLARGE.spec.onDemandPrice).toMatchObject({ usd: 142.416, region: 'us-east-1', source: expect.stringContaining('karpenter-provider-aws') });
    for (const n of ['trn2.48xlarge', 'p6e-gb200.36xlarge', 'a4x-highgpu-4g', 'a3-edgegpu-8g', 'Standard_ND96isr_H200_v5', 'Standard_ND96isr_MI300X_v5']) {
      expect({ n, price: InstanceType.of(n).spec.onDemandPrice }).toEqual({ n, price: undefined });
    }
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
