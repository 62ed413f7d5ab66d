import { network, synth } from './util';
import { gcp } from '../../src';

const endpointDoc = (props: Partial<gcp.ModelEndpointProps> = {}) => synth((s) => { new gcp.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); });
const datasets = (doc: any): Record<string, any> => doc.resource?.google_bigquery_dataset ?? {};
const logging = (doc: any) => Object.values<any>(doc.resource.google_vertex_ai_endpoint)[0].predict_request_response_logging_config;

describe('gcp.ModelEndpoint: turning data capture off and on again', () => {
  test('the log dataset keeps its address through capture on -> off -> on; only the logging stops', () => {
    const on = endpointDoc({ dataCapturePercent: 20 });
    const off = endpointDoc({ dataCapturePercent: 0 });
    const again = endpointDoc({ dataCapturePercent: 20 });
    const addresses = [on, off, again].map((d) => Object.keys(datasets(d)));
    expect(addresses[0]).toHaveLength(1);
    expect(addresses[1]).toEqual(addresses[0]);
    expect(addresses[2]).toEqual(addresses[0]);
    // the same dataset, still protected: Terraform is never asked to destroy it
    expect(Object.values(datasets(off))).toEqual(Object.values(datasets(on)));
    expect(Object.values<any>(datasets(off))[0].lifecycle).toEqual({ prevent_destroy: true });
    expect(logging(on)).toMatchObject({ enabled: true, sampling_rate: 0.2 });
    expect(logging(off)).toBeUndefined();
  });

  test('a Model Garden deployment (no request logging) gets no dataset', () => {
    const doc = endpointDoc({ modelGarden: { huggingFaceModelId: 'Qwen/Qwen3-0.6B' }, privateOnly: false, dataCapturePercent: 0 });
    expect(datasets(doc)).toEqual({});
  });

  test('loggingKmsKeyName: the dataset is encrypted with it after the BigQuery service account is granted the key', () => {
    const key = 'projects/p-1/locations/us-east4/keyRings/r/cryptoKeys/k';
    const doc = endpointDoc({ loggingKmsKeyName: key });
    const [dataset] = Object.values<any>(datasets(doc));
    expect(dataset.default_encryption_configuration).toEqual({ kms_key_name: key });
    const [[grantName, grant]] = Object.entries<any>(doc.resource.google_kms_crypto_key_iam_member);
    expect(grant).toEqual({ crypto_key_id: key, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: expect.stringMatching(/^serviceAccount:\$\{data\.google_bigquery_default_service_account\.[^}]+\.email\}$/) });
    expect(dataset.depends_on).toEqual([`google_kms_crypto_key_iam_member.${grantName}`]);
    // the endpoint itself keeps Google-managed encryption: only kmsKeyName sets its encryption_spec
    expect(Object.values<any>(doc.resource.google_vertex_ai_endpoint)[0].encryption_spec).toBeUndefined();
  });

  test.each<[string, Partial<gcp.ModelEndpointProps>, RegExp]>([
    ['a key that is not a Cloud KMS key name', { loggingKmsKeyName: 'my-key' },
      /ModelEndpoint 'test\/Serving': invalid property\n {2}- loggingKmsKeyName = 'my-key': allowed: projects\/<p>\/locations\/<l>\/keyRings\/<r>\/cryptoKeys\/<k>, or a key's id from this stack/],
    ['a log key with Model Garden', { loggingKmsKeyName: 'projects/p-1/locations/us-east4/keyRings/r/cryptoKeys/k', modelGarden: { huggingFaceModelId: 'a/b' }, privateOnly: false, dataCapturePercent: 0 },
      /- loggingKmsKeyName = 'projects\/p-1\/locations\/us-east4\/keyRings\/r\/cryptoKeys\/k': allowed: unset with modelGarden/],
  ])('fails on %s', (_n, props, message) => {
    expect(() => endpointDoc(props)).toThrow(message);
  });
});
