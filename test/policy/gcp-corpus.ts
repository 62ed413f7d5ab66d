/**
 * Insecure Google Cloud Terraform documents, each flagged by exactly one rule of the pack, and one secure twin per rule.
 * Each document is the smallest `cdk.tf.json`-shaped resource set that shows the gap; the comment names what a
 * checkov user expects caught (the rule's `mirrors`).
 */

const SA = 'serviceAccount:fleet@demo-project.iam.gserviceaccount.com';

/** A compliant instance template (or instance) that the cases below break one setting of. */
function template(over: Record<string, unknown> = {}): any {
  return {
    name_prefix: 'fleet-',
    machine_type: 'a3-megagpu-8g',
    network_interface: [{ subnetwork: 'projects/p/regions/us-east4/subnetworks/host' }],
    shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
    metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE' },
    service_account: { email: 'fleet@demo-project.iam.gserviceaccount.com', scopes: ['cloud-platform'] },
    ...over,
  };
}
const firewall = (over: Record<string, unknown> = {}) => ({ name: 'fw', network: 'n', direction: 'INGRESS', source_ranges: ['10.40.0.0/16'], allow: [{ protocol: 'tcp', ports: ['22'] }], ...over });
const bucket = (over: Record<string, unknown> = {}) => ({
  name: 'data',
  location: 'us-east4',
  public_access_prevention: 'enforced',
  uniform_bucket_level_access: true,
  versioning: { enabled: true },
  logging: { log_bucket: 'data-logs' },
  ...over,
});
const key = (over: Record<string, unknown> = {}) => ({ name: 'k', key_ring: 'r', rotation_period: '7776000s', lifecycle: { prevent_destroy: true }, ...over });
const subnet = (over: Record<string, unknown> = {}) => ({
  name: 'gpu-0',
  network: '${google_compute_network.gpu.id}',
  ip_cidr_range: '10.41.0.0/24',
  private_ip_google_access: true,
  log_config: { aggregation_interval: 'INTERVAL_10_MIN', flow_sampling: 0.1 },
  ...over,
});
const gpuNetwork = { name: 'gpu', auto_create_subnetworks: false };
const roceNetwork = { name: 'rdma', auto_create_subnetworks: false, network_profile: 'https://www.googleapis.com/compute/beta/projects/p/global/networkProfiles/us-east4-a-vpc-roce' };

/** One corpus entry: a document and the one rule that must flag it. */
export interface CorpusCase {
  readonly rule: string;
  readonly name: string;
  readonly doc: any;
}

const r = (resource: Record<string, Record<string, any>>) => ({ resource });

/** Insecure documents. */
export const INSECURE: CorpusCase[] = [
  { rule: 'GCP-FW-1', name: 'SSH open to 0.0.0.0/0 (CKV_GCP_2)', doc: r({ google_compute_firewall: { ssh: firewall({ source_ranges: ['0.0.0.0/0'] }) } }) },
  { rule: 'GCP-FW-1', name: 'RDP open to 0.0.0.0/0 (CKV_GCP_3)', doc: r({ google_compute_firewall: { rdp: firewall({ source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['3389'] }] }) } }) },
  { rule: 'GCP-FW-1', name: 'an ingress rule with no source ranges (Google applies 0.0.0.0/0)', doc: r({ google_compute_firewall: { nosrc: firewall({ source_ranges: undefined }) } }) },
  { rule: 'GCP-FW-1', name: 'HTTP open to ::/0 with the direction left to its default (CKV_GCP_106)', doc: r({ google_compute_firewall: { v6: firewall({ direction: undefined, source_ranges: ['::/0'], allow: [{ protocol: 'tcp', ports: ['80'] }] }) } }) },
  { rule: 'GCP-VM-1', name: 'an instance template with an external IP (CKV_GCP_40)', doc: r({ google_compute_instance_template: { t: template({ network_interface: [{ subnetwork: 's', access_config: [{}] }] }) } }) },
  { rule: 'GCP-VM-1', name: 'an instance with an ephemeral external IP', doc: r({ google_compute_instance: { vm: template({ network_interface: [{ subnetwork: 's', access_config: [{ network_tier: 'PREMIUM' }] }] }) } }) },
  { rule: 'GCP-VM-2', name: 'Shielded VM secure boot off (CKV_GCP_39)', doc: r({ google_compute_instance_template: { t: template({ shielded_instance_config: { enable_secure_boot: false } }) } }) },
  { rule: 'GCP-VM-2', name: 'an instance without a shielded_instance_config', doc: r({ google_compute_instance: { vm: template({ shielded_instance_config: undefined }) } }) },
  { rule: 'GCP-VM-3', name: 'OS Login not enabled (CKV_GCP_34)', doc: r({ google_compute_instance_template: { t: template({ metadata: { 'block-project-ssh-keys': 'TRUE' } }) } }) },
  { rule: 'GCP-VM-3', name: 'project-wide SSH keys allowed (CKV_GCP_32)', doc: r({ google_compute_instance: { vm: template({ metadata: { 'enable-oslogin': 'TRUE' } }) } }) },
  { rule: 'GCP-VM-4', name: 'no service account: the Compute Engine default one (CKV_GCP_30)', doc: r({ google_compute_instance_template: { t: template({ service_account: undefined }) } }) },
  { rule: 'GCP-VM-4', name: 'the default service account with the cloud-platform scope (CKV_GCP_31)', doc: r({ google_compute_instance_template: { t: template({ service_account: { email: '123456789-compute@developer.gserviceaccount.com', scopes: ['cloud-platform'] } }) } }) },
  { rule: 'GCP-VM-5', name: 'the interactive serial console enabled (CKV_GCP_35)', doc: r({ google_compute_instance_template: { t: template({ metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE', 'serial-port-enable': 'TRUE' } }) } }) },
  { rule: 'GCP-VM-6', name: 'IP forwarding on (CKV_GCP_36)', doc: r({ google_compute_instance: { vm: template({ can_ip_forward: true }) } }) },
  { rule: 'GCP-IAM-1', name: 'a bucket readable by allUsers (CKV_GCP_28)', doc: r({ google_storage_bucket_iam_member: { pub: { bucket: 'data', role: 'roles/storage.objectViewer', member: 'allUsers' } } }) },
  { rule: 'GCP-IAM-1', name: 'a KMS key usable by allAuthenticatedUsers (CKV_GCP_112)', doc: r({ google_kms_crypto_key_iam_binding: { pub: { crypto_key_id: 'k', role: 'roles/cloudkms.cryptoKeyDecrypter', members: [SA, 'allAuthenticatedUsers'] } } }) },
  { rule: 'GCP-IAM-1', name: 'a secret readable by allUsers', doc: r({ google_secret_manager_secret_iam_member: { pub: { secret_id: 's', role: 'roles/secretmanager.secretAccessor', member: 'allUsers' } } }) },
  { rule: 'GCP-IAM-2', name: 'roles/owner granted at project level (CKV_GCP_117)', doc: r({ google_project_iam_member: { owner: { project: 'p', role: 'roles/owner', member: 'user:ana@example.com' } } }) },
  { rule: 'GCP-IAM-2', name: 'roles/editor bound at project level', doc: r({ google_project_iam_binding: { editors: { project: 'p', role: 'roles/editor', members: [SA] } } }) },
  { rule: 'GCP-IAM-3', name: 'Service Account User at project level (CKV_GCP_41)', doc: r({ google_project_iam_member: { sau: { project: 'p', role: 'roles/iam.serviceAccountUser', member: 'user:ana@example.com' } } }) },
  { rule: 'GCP-IAM-3', name: 'Service Account Token Creator bound at project level (CKV_GCP_49)', doc: r({ google_project_iam_binding: { tc: { project: 'p', role: 'roles/iam.serviceAccountTokenCreator', members: [SA] } } }) },
  { rule: 'GCP-GCS-1', name: 'public access prevention inherited (CKV_GCP_114)', doc: r({ google_storage_bucket: { b: bucket({ public_access_prevention: 'inherited' }) } }) },
  { rule: 'GCP-GCS-2', name: 'fine-grained ACLs (CKV_GCP_29)', doc: r({ google_storage_bucket: { b: bucket({ uniform_bucket_level_access: false }) } }) },
  { rule: 'GCP-GCS-3', name: 'an unversioned bucket (CKV_GCP_78)', doc: r({ google_storage_bucket: { b: bucket({ versioning: { enabled: false } }) } }) },
  { rule: 'GCP-GCS-3', name: 'a data bucket without access logs (CKV_GCP_62)', doc: r({ google_storage_bucket: { b: bucket({ logging: undefined }) } }) },
  { rule: 'GCP-GCS-3', name: 'a bucket named like a log bucket that nothing logs to, without access logs', doc: r({ google_storage_bucket: { b: bucket({ name: 'data-logs', logging: undefined }) } }) },
  { rule: 'GCP-BQ-1', name: 'a dataset open to allAuthenticatedUsers (CKV_GCP_15)', doc: r({ google_bigquery_dataset: { d: { dataset_id: 'd', access: [{ role: 'READER', special_group: 'allAuthenticatedUsers' }] } } }) },
  { rule: 'GCP-BQ-1', name: 'a dataset readable by allUsers', doc: r({ google_bigquery_dataset: { d: { dataset_id: 'd', access: [{ role: 'OWNER', special_group: 'projectOwners' }, { role: 'READER', iam_member: 'allUsers' }] } } }) },
  { rule: 'GCP-CMEK-1', name: 'captured requests Google-managed in a stack with customer keys (CKV_GCP_81)', doc: r({ google_kms_crypto_key: { k: key() }, google_bigquery_dataset: { logs: { dataset_id: 'logs' } } }) },
  {
    rule: 'GCP-CMEK-1',
    name: 'an image repository Google-managed in a stack with customer keys (CKV_GCP_84)',
    doc: r({ google_kms_crypto_key: { k: key() }, google_artifact_registry_repository: { images: { repository_id: 'images', format: 'DOCKER', location: 'us-east4' } } }),
  },
  { rule: 'GCP-KMS-1', name: 'a key rotated yearly (CKV_GCP_43)', doc: r({ google_kms_crypto_key: { k: key({ rotation_period: '31536000s' }) } }) },
  { rule: 'GCP-KMS-1', name: 'a key never rotated', doc: r({ google_kms_crypto_key: { k: key({ rotation_period: undefined }) } }) },
  { rule: 'GCP-KMS-2', name: 'a key Terraform may destroy (CKV_GCP_82)', doc: r({ google_kms_crypto_key: { k: key({ lifecycle: undefined }) } }) },
  { rule: 'GCP-NET-1', name: 'a GPU subnet without flow logs (CKV_GCP_26)', doc: r({ google_compute_network: { gpu: gpuNetwork }, google_compute_subnetwork: { s: subnet({ log_config: undefined }) } }) },
  { rule: 'GCP-NET-1', name: 'a subnet without Private Google Access (CKV_GCP_74)', doc: r({ google_compute_network: { gpu: gpuNetwork }, google_compute_subnetwork: { s: subnet({ private_ip_google_access: false }) } }) },
];

/** One compliant document per rule: the same resource types, each setting the rule reads right. */
export const SECURE: Record<string, any> = {
  'GCP-FW-1': r({ google_compute_firewall: { internal: firewall(), tagged: firewall({ source_ranges: undefined, source_tags: ['bastion'] }), deny: firewall({ source_ranges: ['0.0.0.0/0'], allow: undefined, deny: [{ protocol: 'all' }] }) } }),
  'GCP-VM-1': r({ google_compute_instance_template: { t: template() } }),
  'GCP-VM-2': r({ google_compute_instance: { vm: template() } }),
  'GCP-VM-3': r({ google_compute_instance_template: { t: template() } }),
  'GCP-VM-4': r({ google_compute_instance: { vm: template() } }),
  'GCP-VM-5': r({ google_compute_instance_template: { t: template({ metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE', 'serial-port-enable': 'FALSE' } }) } }),
  'GCP-VM-6': r({ google_compute_instance: { vm: template({ can_ip_forward: false }) } }),
  'GCP-IAM-1': r({ google_storage_bucket_iam_member: { g: { bucket: 'data', role: 'roles/storage.objectViewer', member: SA } } }),
  'GCP-IAM-2': r({ google_project_iam_member: { g: { project: 'p', role: 'roles/logging.logWriter', member: SA } } }),
  // impersonation granted on the one service account, not the project
  'GCP-IAM-3': r({ google_project_iam_member: { g: { project: 'p', role: 'roles/aiplatform.user', member: SA } }, google_service_account_iam_member: { g: { service_account_id: 'sa', role: 'roles/iam.serviceAccountUser', member: 'user:ana@example.com' } } }),
  'GCP-GCS-1': r({ google_storage_bucket: { b: bucket() } }),
  'GCP-GCS-2': r({ google_storage_bucket: { b: bucket() } }),
  // the log bucket the data bucket logs to needs no logging of its own
  'GCP-GCS-3': r({ google_storage_bucket: { b: bucket({ logging: { log_bucket: '${google_storage_bucket.logs.name}' } }), logs: bucket({ name: 'data-logs', logging: undefined }) } }),
  'GCP-BQ-1': r({ google_bigquery_dataset: { d: { dataset_id: 'd', access: [{ role: 'OWNER', special_group: 'projectOwners' }, { role: 'READER', user_by_email: 'ana@example.com' }] } } }),
  'GCP-CMEK-1': r({ google_kms_crypto_key: { k: key() }, google_bigquery_dataset: { logs: { dataset_id: 'logs', default_encryption_configuration: { kms_key_name: '${google_kms_crypto_key.k.id}' } } } }),
  'GCP-KMS-1': r({ google_kms_crypto_key: { k: key() } }),
  'GCP-KMS-2': r({ google_kms_crypto_key: { k: key() } }),
  // a RoCE subnet is exempt: its network profile supports neither setting
  'GCP-NET-1': r({ google_compute_network: { gpu: gpuNetwork, rdma: roceNetwork }, google_compute_subnetwork: { s: subnet(), r: { name: 'rdma-0', network: '${google_compute_network.rdma.id}', ip_cidr_range: '10.42.0.0/24' } } }),
};
