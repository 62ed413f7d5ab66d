import { network, resources, synth } from './util';
import { EndpointMode, EndpointScaling, gcp } from '../../src';
import { factsFromGoogleTerraform } from '../../src/gcp/facts';

const endpointDoc = (props: Partial<gcp.ModelEndpointProps> = {}) => synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); });
const deployCommand = (doc: any): string => doc.output.serving_deploy_model_command.value;
const metricSpecs = (doc: any): string | undefined => /--autoscaling-metric-specs=(\S+)/.exec(deployCommand(doc))?.[1];

describe('gcp.ModelEndpoint', () => {
  test('private service connect, request/response logging at 20% to BigQuery, deploy command output', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s) }); });
    const e = resources(doc, 'google_vertex_ai_endpoint')[0];
    expect(e.name).toMatch(/^[1-9]\d{9}$/);
    expect(e.private_service_connect_config).toEqual({ enable_private_service_connect: true, project_allowlist: ['my-project'] });
    expect(e.predict_request_response_logging_config).toMatchObject({ enabled: true, sampling_rate: 0.2 });
    expect(doc.output.serving_deploy_model_command.value).toMatch(new RegExp(`^gcloud ai endpoints deploy-model ${e.name} --project=my-project --region=us-east4 .*--machine-type=g2-standard-4 --accelerator=type=nvidia-l4,count=1`));
  });

  test('VPC peering uses the project number and the host network', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), connectivity: gcp.EndpointConnectivity.VPC_PEERING }); });
    expect(resources(doc, 'google_vertex_ai_endpoint')[0].network).toMatch(/^projects\/\$\{data\.google_project\.[^}]+\.number\}\/global\/networks\/\$\{google_compute_network/);
  });

  test('Model Garden deployment of a Hugging Face model', () => {
    const doc = synth((s) => {
      new gcp.ModelEndpoint(s, 'Serving', { network: network(s), modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' }, privateOnly: false, dataCapturePercent: 0 });
    });
    expect(resources(doc, 'google_vertex_ai_endpoint_with_model_garden_deployment')[0]).toMatchObject({
      hugging_face_model_id: 'Qwen/Qwen3-0.6B',
      deploy_config: { dedicated_resources: { machine_spec: { machine_type: 'g2-standard-4', accelerator_type: 'NVIDIA_L4', accelerator_count: 1 }, min_replica_count: 1 } },
    });
  });

  test('grantInvoke is conditioned on this endpoint', () => {
    const doc = synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s) }).grantInvoke(gcp.Grantee.member('user:ana@example.com')); });
    const m = resources(doc, 'google_project_iam_member').find((x) => x.member === 'user:ana@example.com');
    expect(m.role).toBe('roles/aiplatform.user');
    expect(m.condition.expression).toMatch(/^resource\.name\.startsWith\("projects\/my-project\/locations\/us-east4\/endpoints\/\d{10}"\)$/);
  });

  test.each<[string, any, RegExp]>([
    ['a dedicated endpoint while private only', { connectivity: gcp.EndpointConnectivity.DEDICATED }, /connectivity = 'dedicated': allowed: private-service-connect or vpc-peering while privateOnly/],
    ['both model sources', { modelGarden: { huggingFaceModelId: 'a/b', publisherModelName: 'publishers/google/models/x' } }, /modelGarden = .*: allowed: exactly one/],
    ['serverless', { mode: EndpointMode.SERVERLESS }, /mode = 'serverless': allowed: on Google Cloud: realtime \(serverless and async are SageMaker modes\)/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); })).toThrow(msg);
  });
});

describe('gcp.ModelEndpoint: autoscaling renders spec.scaling', () => {
  test('the default tracks the accelerator duty cycle at 60%; CPU, which Vertex AI also evaluates at 60, is pinned to 100', () => {
    expect(metricSpecs(endpointDoc())).toBe('gpu-duty-cycle=60,cpu-usage=100');
  });

  test('gpuUtilization(75): the duty-cycle target is the spec\'s', () => {
    expect(metricSpecs(endpointDoc({ scaling: EndpointScaling.gpuUtilization(75) }))).toBe('gpu-duty-cycle=75,cpu-usage=100');
  });

  test('cpuUtilization(70) on an accelerator machine: CPU at 70, the duty cycle pinned to 100', () => {
    expect(metricSpecs(endpointDoc({ scaling: EndpointScaling.cpuUtilization(70) }))).toBe('cpu-usage=70,gpu-duty-cycle=100');
  });

  test('cpuUtilization(70) on a machine without accelerators: CPU only, no --accelerator', () => {
    const doc = endpointDoc({ instanceType: 'n1-standard-8', scaling: EndpointScaling.cpuUtilization(70) });
    expect(metricSpecs(doc)).toBe('cpu-usage=70');
    expect(deployCommand(doc)).not.toContain('--accelerator');
  });

  test('requestsPerInstance(600) and the deprecated targetInvocationsPerInstance: request-counts-per-minute', () => {
    expect(metricSpecs(endpointDoc({ scaling: EndpointScaling.requestsPerInstance(600) }))).toBe('request-counts-per-minute=600,cpu-usage=100,gpu-duty-cycle=100');
    expect(metricSpecs(endpointDoc({ targetInvocationsPerInstance: 300 }))).toBe('request-counts-per-minute=300,cpu-usage=100,gpu-duty-cycle=100');
  });

  test('no autoscaling flag when minInstances equals maxInstances', () => {
    const doc = endpointDoc({ minInstances: 2, maxInstances: 2 });
    expect(deployCommand(doc)).toContain('--min-replica-count=2 --max-replica-count=2 --traffic-split=0=100');
    expect(metricSpecs(doc)).toBeUndefined();
  });

  test('a3-megagpu-8g is deployed with its own accelerator type (nvidia-h100-mega-80gb / NVIDIA_H100_MEGA_80GB), not the A3 High one', () => {
    expect(deployCommand(endpointDoc({ instanceType: 'a3-megagpu-8g' }))).toContain('--machine-type=a3-megagpu-8g --accelerator=type=nvidia-h100-mega-80gb,count=8');
    const doc = endpointDoc({ instanceType: 'a3-megagpu-8g', modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' }, privateOnly: false, dataCapturePercent: 0 });
    expect(resources(doc, 'google_vertex_ai_endpoint_with_model_garden_deployment')[0].deploy_config.dedicated_resources.machine_spec)
      .toEqual({ machine_type: 'a3-megagpu-8g', accelerator_type: 'NVIDIA_H100_MEGA_80GB', accelerator_count: 8 });
  });

  test('a serving type from the serving catalog gets its accelerators (g2-standard-48: 4 L4)', () => {
    expect(deployCommand(endpointDoc({ instanceType: 'g2-standard-48' }))).toContain('--machine-type=g2-standard-48 --accelerator=type=nvidia-l4,count=4');
  });

  test('Model Garden: the same metric specs in the deployment', () => {
    const doc = endpointDoc({ modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' }, privateOnly: false, dataCapturePercent: 0, scaling: EndpointScaling.gpuUtilization(70) });
    expect(resources(doc, 'google_vertex_ai_endpoint_with_model_garden_deployment')[0].deploy_config.dedicated_resources.autoscaling_metric_specs).toEqual([
      { metric_name: 'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle', target: 70 },
      { metric_name: 'aiplatform.googleapis.com/prediction/online/cpu/utilization', target: 100 },
    ]);
  });

  test.each<[string, Partial<gcp.ModelEndpointProps>, RegExp]>([
    ['GPU scaling on a machine type without accelerators', { instanceType: 'n1-standard-8', scaling: EndpointScaling.gpuUtilization(60) },
      /- scaling = 'gpu-utilization 60': allowed: EndpointScaling\.cpuUtilization\(percent\) or EndpointScaling\.requestsPerInstance\(perMinute\): n1-standard-8 has no accelerators to track/],
    ['the default GPU scaling on a machine type without accelerators', { instanceType: 'n1-standard-8' },
      /- instanceType = 'n1-standard-8': allowed: a machine type with accelerators \(.*g2-standard-4.*\) while scaling tracks GPU utilization \(the default\)/],
    ['scaling without autoscaling (minInstances equals maxInstances)', { minInstances: 2, maxInstances: 2, scaling: EndpointScaling.cpuUtilization(50) },
      /- scaling = 'cpu-utilization 50': allowed: unset when maxInstances equals minInstances \(2\): nothing scales/],
    ['requestsPerInstance with Model Garden', { modelGarden: { huggingFaceModelId: 'a/b' }, privateOnly: false, dataCapturePercent: 0, scaling: EndpointScaling.requestsPerInstance(100) },
      /- scaling = 'requests-per-instance 100': allowed: EndpointScaling\.gpuUtilization\(percent\) or cpuUtilization\(percent\) with modelGarden/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => endpointDoc(props)).toThrow(new RegExp(`ModelEndpoint 'test/Serving'[\\s\\S]*${msg.source}`));
  });
});

describe('gcp.ModelEndpoint: alerts take their thresholds from the spec', () => {
  test('p99 latency over latencyAlarmMs, and prediction errors, on this endpoint', () => {
    const doc = endpointDoc({ latencyAlarmMs: 250 });
    const id = resources(doc, 'google_vertex_ai_endpoint')[0].name;
    const byName = Object.fromEntries(resources(doc, 'google_monitoring_alert_policy').map((p) => [p.display_name, p.conditions[0].condition_threshold]));
    expect(byName['test/Serving: p99 latency over 250 ms']).toMatchObject({
      filter: `metric.type="aiplatform.googleapis.com/prediction/online/prediction_latencies" AND resource.type="aiplatform.googleapis.com/Endpoint" AND resource.label.endpoint_id="${id}"`,
      comparison: 'COMPARISON_GT',
      threshold_value: 250,
      aggregations: [{ per_series_aligner: 'ALIGN_PERCENTILE_99', alignment_period: '300s' }],
    });
    expect(byName['test/Serving: prediction errors']).toMatchObject({ comparison: 'COMPARISON_GT', threshold_value: 0 });
  });

  test('a Model Garden endpoint is watched by the id of its deployed endpoint', () => {
    const doc = endpointDoc({ modelGarden: { huggingFaceModelId: 'a/b' }, privateOnly: false, dataCapturePercent: 0 });
    const filters = resources(doc, 'google_monitoring_alert_policy').map((p) => p.conditions[0].condition_threshold.filter);
    expect(filters).toHaveLength(2);
    for (const f of filters) expect(f).toMatch(/resource\.label\.endpoint_id="\$\{google_vertex_ai_endpoint_with_model_garden_deployment\.Serving_ModelGarden_[0-9A-F]+\.endpoint\}"$/);
  });
});

describe('gcp.ModelEndpoint: neutral settings Google Cloud honours or refuses', () => {
  test('privateOnly: false makes the endpoint public (a dedicated endpoint) unless a connectivity is chosen', () => {
    const e = resources(endpointDoc({ privateOnly: false }), 'google_vertex_ai_endpoint')[0];
    expect(e.dedicated_endpoint_enabled).toBe(true);
    expect(e.private_service_connect_config).toBeUndefined();
    const psc = resources(endpointDoc({ privateOnly: false, connectivity: gcp.EndpointConnectivity.PRIVATE_SERVICE_CONNECT }), 'google_vertex_ai_endpoint')[0];
    expect(psc.private_service_connect_config).toEqual({ enable_private_service_connect: true, project_allowlist: ['my-project'] });
  });

  test.each<[string, Partial<gcp.ModelEndpointProps>, RegExp]>([
    // an AWS prop (aws.ModelEndpointProps): gcp.ModelEndpointProps does not declare it; passed anyway, it is refused by name
    ['networkIsolation', { networkIsolation: true } as Partial<gcp.ModelEndpointProps>, /- networkIsolation = true: allowed: on Google Cloud: false \(Vertex AI has no setting/],
    ['a Model Garden model while private only (the default)', { modelGarden: { huggingFaceModelId: 'a/b' }, dataCapturePercent: 0 },
      /- privateOnly = true: allowed: false with modelGarden \(a Model Garden deployment is reached over a public endpoint/],
    ['a Model Garden model with request capture (20% by default)', { modelGarden: { huggingFaceModelId: 'a/b' }, privateOnly: false },
      /- dataCapturePercent = 20: allowed: 0 with modelGarden \(a Model Garden deployment has no request-response logging setting\)/],
    ['a Model Garden model behind Private Service Connect', { modelGarden: { huggingFaceModelId: 'a/b' }, privateOnly: false, dataCapturePercent: 0, connectivity: gcp.EndpointConnectivity.PRIVATE_SERVICE_CONNECT },
      /- connectivity = 'private-service-connect': allowed: dedicated with modelGarden/],
  ])('fails on %s (Google Cloud would drop it)', (_n, props, msg) => {
    expect(() => endpointDoc(props)).toThrow(new RegExp(`ModelEndpoint 'test/Serving'[\\s\\S]*${msg.source}`));
  });
});

describe('gcp.ModelEndpoint from an empty project: the first apply without an artifact', () => {
  function build(props: Partial<gcp.ModelEndpointProps> = {}) {
    let e!: gcp.ModelEndpoint;
    const doc = synth((s) => { e = new gcp.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); });
    return { doc, e, warnings: e.node.metadata.filter((m) => /warn/i.test(m.type)).map((m) => String(m.data)) };
  }

  test('no modelArtifact: the endpoint shell with no deployed model, a warning naming the second step, pending in the facts', () => {
    const { doc, e, warnings } = build();
    expect(e.pending).toBe(true);
    expect(resources(doc, 'google_vertex_ai_endpoint')).toHaveLength(1);
    expect(doc.resource.google_vertex_ai_endpoint_with_model_garden_deployment).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/Serving is pending: no modelArtifact.*set modelArtifact to its gs:\/\/ URI and apply again/)]);
    expect(deployCommand(doc)).not.toContain('gcloud ai models upload');
    const facts = factsFromGoogleTerraform(doc);
    expect(facts.endpoints).toEqual([expect.objectContaining({ path: 'test/Serving', pending: true })]);
  });

  test('with modelArtifact: the deploy command uploads it and deploys the model it registers; no warning, not pending', () => {
    const { doc, e, warnings } = build({ modelArtifact: 'gs://my-models/llm/v1' });
    expect(e.pending).toBe(false);
    expect(warnings).toEqual([]);
    expect(deployCommand(doc)).toMatch(/^MODEL_ID=\$\(gcloud ai models upload --project=my-project --region=us-east4 .*--artifact-uri=gs:\/\/my-models\/llm\/v1 .*\) && gcloud ai endpoints deploy-model \d+ .*--model="\$MODEL_ID"/);
    expect(factsFromGoogleTerraform(doc).endpoints[0].pending).toBeUndefined();
  });

  test('a modelArtifact that is not a gs:// URI, or one beside modelGarden, fails naming the property', () => {
    expect(() => build({ modelArtifact: 's3://bucket/model.tar.gz' })).toThrow(/modelArtifact = 's3:\/\/bucket\/model.tar.gz': allowed: a gs:\/\/bucket\/path URI/);
    expect(() => build({ modelArtifact: 'gs://b/m', modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' }, privateOnly: false }))
      .toThrow(/modelArtifact = 'gs:\/\/b\/m': allowed: unset with modelGarden/);
  });
});
