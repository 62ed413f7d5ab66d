/**
 * Grants take the same kind of argument on every cloud: a grantable principal of that cloud (AWS `iam.IGrantable`,
 * `gcp.IGrantable`, `azure.IGrantable`), which the cloud's GpuFleet is; a principal that is not a construct is made
 * with the cloud's own helper (`iam.Role`, `gcp.Grantee.member`, `azure.Grantee.principal`).
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing, TerraformStack } from 'cdktf';
import { network as azureNetwork, resources as azureResources, SSH_PUBLIC_KEY, where } from './azure/util';
import { network as gcpNetwork, resources as gcpResources } from './gcp/util';
import { synthTerraform } from './helpers';
import { aws, azure, gcp, GpuFleetSpec, InstanceType, StorageRedundancy } from '../src';

function tf(build: (s: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return synthTerraform(stack);
}

describe('grants take a grantable principal on every cloud', () => {
  test('AWS: storage.grantReadWrite(fleet) and endpoint.grantInvoke(fleet) add statements to the fleet role', () => {
    const stack = new Stack(undefined, 'S', { env: { region: 'us-east-1' } });
    const fleetProps = { instanceType: InstanceType.G5_XLARGE };
    const network = new aws.ClusterNetwork(stack, 'Network', { fleet: new GpuFleetSpec(fleetProps) });
    const fleet = new aws.GpuFleet(stack, 'Fleet', { ...fleetProps, network });
    const data = new aws.TieredStorage(stack, 'Data', { network });
    data.grantReadWrite(fleet);
    const t = Template.fromStack(stack);
    const policies = { ...t.findResources('AWS::IAM::Policy'), ...t.findResources('AWS::IAM::ManagedPolicy') };
    const granting = Object.values(policies).filter((p: any) => JSON.stringify(p.Properties.PolicyDocument).includes('s3:PutObject'));
    expect(granting).toHaveLength(1);
    // attached to the fleet's role
    expect(JSON.stringify(granting[0])).toMatch(/FleetRole|FleetInstanceRole|Fleet[A-Za-z]*Role/);
  });

  test('Google Cloud: the fleet is a gcp.IGrantable; grantRead, grantReadWrite and grantInvoke bind its service account', () => {
    const doc = tf((s) => {
      const fleetProps = { instanceType: InstanceType.G2_STANDARD_4 };
      const net = gcpNetwork(s, fleetProps);
      const fleet = new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: net });
      const data = new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4' });
      data.grantRead(fleet);
      data.grantReadWrite(gcp.Grantee.member('group:ml@example.com'));
      new gcp.ModelEndpoint(s, 'Serving', { network: net }).grantInvoke(fleet);
    });
    const bindings = gcpResources(doc, 'google_storage_bucket_iam_member');
    expect(bindings).toContainEqual(expect.objectContaining({ role: 'roles/storage.objectViewer', member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\.Fleet_ServiceAccount_[0-9A-F]+\.email\}$/) }));
    expect(bindings).toContainEqual(expect.objectContaining({ role: 'roles/storage.objectUser', member: 'group:ml@example.com' }));
    expect(gcpResources(doc, 'google_project_iam_member')).toContainEqual(expect.objectContaining({
      role: 'roles/aiplatform.user', member: expect.stringContaining('google_service_account.Fleet_ServiceAccount'),
    }));
  });

  test('Azure: the fleet is an azure.IGrantable; its role assignments name its identity as a service principal', () => {
    const doc = tf((s) => {
      const net = azureNetwork(s, undefined, { flowLogs: false });
      const fleet = new azure.GpuFleet(s, 'Training', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: net, adminSshPublicKey: SSH_PUBLIC_KEY, gpuMetrics: false });
      const data = new azure.TieredStorage(s, 'Data', { ...where, redundancy: StorageRedundancy.LOCAL });
      data.grantRead(fleet);
      data.grantReadWrite(azure.Grantee.principal('00000000-0000-0000-0000-000000000002', 'Group'));
    });
    const assignments = azureResources(doc, 'azurerm_role_assignment');
    expect(assignments).toContainEqual(expect.objectContaining({
      role_definition_name: 'Storage Blob Data Reader',
      principal_type: 'ServicePrincipal',
      principal_id: expect.stringMatching(/^\$\{azurerm_linux_virtual_machine_scale_set\.[^.]+\.identity\[0\]\.principal_id\}$/),
    }));
    expect(assignments).toContainEqual(expect.objectContaining({
      role_definition_name: 'Storage Blob Data Contributor', principal_type: 'Group', principal_id: '00000000-0000-0000-0000-000000000002',
    }));
  });
});

describe('grants refuse what is not a principal', () => {
  test('a string where a grantee belongs is the library\'s error naming the construct and property, not a TypeError', () => {
    expect(() => tf((s) => {
      new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4' }).grantReadWrite('group:ml@example.com' as any);
    })).toThrow(/\[ai-infra\] TieredStorage 'test\/Data': invalid property\n {2}- grantee = 'group:ml@example.com': allowed: a gcp.IGrantable/);
    expect(() => tf((s) => {
      new azure.TieredStorage(s, 'Data', { ...where, redundancy: StorageRedundancy.LOCAL }).grantRead('00000000-0000-0000-0000-000000000001' as any);
    })).toThrow(/\[ai-infra\] TieredStorage 'test\/Data': invalid property\n {2}- grantee = .*allowed: an azure.IGrantable/);
    expect(() => tf((s) => {
      new gcp.ModelEndpoint(s, 'Serving', { network: gcpNetwork(s) }).grantInvoke(undefined as any);
    })).toThrow(/ModelEndpoint 'test\/Serving'.*\n {2}- grantee = undefined: allowed: a gcp.IGrantable/);
  });

  test('gcp.Grantee.member refuses allUsers, allAuthenticatedUsers and identifiers without a principal type', () => {
    for (const m of ['allUsers', 'allAuthenticatedUsers', 'ml@example.com', 'team:ml@example.com', '']) {
      expect(() => gcp.Grantee.member(m)).toThrow(/member = .*allowed: an IAM principal identifier: user:EMAIL.*allUsers and allAuthenticatedUsers are refused/);
    }
    expect(gcp.Grantee.member('principalSet://iam.googleapis.com/locations/global/workforcePools/p/group/g').grantMember).toMatch(/^principalSet:/);
  });

  test('azure.Grantee.principal refuses an id that is not a GUID and an unknown principal type', () => {
    expect(() => azure.Grantee.principal('ml-team')).toThrow(/principalId = 'ml-team': allowed: a principal's object id \(a GUID/);
    expect(() => azure.Grantee.principal('00000000-0000-0000-0000-000000000001', 'Robot')).toThrow(/principalType = 'Robot': allowed: User, Group, ServicePrincipal or unset/);
  });
});
