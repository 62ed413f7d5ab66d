#!/usr/bin/env python3
"""Emulated deploy: CloudFormation create, update and delete of synthesized stacks on moto_server.

Usage: emulated-deploy.py --endpoint URL --create DIR:STACK [...] --update NAME DIR:STACK --retained NAME LOGICAL_PREFIX

What it does, in order:
  1. publishes each stack's file assets (cdk.out/<stack>.assets.json) to the emulator's bootstrap bucket, as
     cdk-assets would, and writes the bootstrap version parameter;
  2. creates every --create stack from its template URL and waits for CREATE_COMPLETE;
  3. writes an object into the retained data bucket of the --retained stack;
  4. updates the --update stack with the second template (fleet size changed, a storage tier added) and waits
     for UPDATE_COMPLETE, then checks that the change reached the emulated services;
  5. deletes every stack (DELETE_COMPLETE) and checks that the retained bucket and its object still exist;
  6. lists the resource types the emulator does not model.

The emulator cannot model every type (moto's CloudFormation refuses a Fn::GetAtt on a type it lacks). Those resources
are deployed as stand-ins: an AWS::SSM::Parameter that records the original type, with the same logical id and
DependsOn, and Fn::GetAtt on them resolved to a fixed string. `/aws/service/...` AMI parameters are reserved in the
emulator's SSM, so they become a plain AWS::EC2::Image::Id parameter with one of the emulator's images. Everything
else in the template is deployed as synthesized. Exit status 1 on any failed expectation.
"""
import argparse
import collections
import io
import json
import os
import re
import sys
import time
import zipfile

import boto3
from moto.cloudformation.parsing import get_model_map

ACCOUNT = '123456789012'
REGION = 'us-east-1'
MODELLED = set(get_model_map().keys())
stand_in_types = collections.defaultdict(set)  # type -> {(stack, logical id)}
as_synthesized = set()  # (stack, logical id)
changed_for_emulator = collections.defaultdict(set)  # (stack, logical id) -> {what was changed}
template_sizes = {}  # stack -> resources in the synthesized template
swapped_serving_types = collections.Counter()


def _sagemaker_types():
    """The serving instance types the emulator accepts (read from its own validation error)."""
    from moto.sagemaker.models import FakeEndpointConfig
    try:
        FakeEndpointConfig.validate_instance_type(None, 'ml.none')
    except Exception as e:  # noqa: BLE001 - the message lists the set
        return set(re.findall(r"'(ml\.[a-z0-9.]+)'", str(e)))
    return set()


SAGEMAKER_TYPES = _sagemaker_types()
# Modelled for create, not for delete: moto's CloudFormation deletes neither route tables (with their associations
# and routes), VPC endpoints (with their network interfaces) nor VPN gateway attachments, so the VPC delete fails
# with DependencyViolation; nor customer managed policies, so their roles fail with DeleteConflict. Deployed as
# stand-ins too.
CREATE_ONLY = {'AWS::EC2::VPCEndpoint', 'AWS::EC2::RouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::Route',
               'AWS::EC2::VPCGatewayAttachment', 'AWS::IAM::ManagedPolicy'}


def clients(endpoint):
    kw = dict(endpoint_url=endpoint, region_name=REGION, aws_access_key_id='testing', aws_secret_access_key='testing')
    return {n: boto3.client(n, **kw) for n in ['cloudformation', 's3', 'ssm', 'ec2', 'autoscaling']}


def fail(msg):
    print(f'emulated deploy: FAILED: {msg}', file=sys.stderr)
    sys.exit(1)


def for_emulator(template, image_id, stack):
    """The template with stand-ins for unmodelled types (see the module docstring)."""
    t = json.loads(json.dumps(template))
    for key, p in list(t.get('Parameters', {}).items()):
        if p.get('Type') == 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' and p.get('Default', '').startswith('/aws/service/'):
            t['Parameters'][key] = {'Type': 'AWS::EC2::Image::Id', 'Default': image_id}
    stand_ins = set()
    # the update's template is reported apart from the create's
    label = f'{stack} (update)' if stack in template_sizes else stack
    template_sizes[label] = len(t['Resources'])
    for lid, r in t['Resources'].items():
        if r['Type'] == 'AWS::KMS::Key' and 'Tags' in r.get('Properties', {}):
            # moto 5 reads KMS tags in the API's TagKey/TagValue shape, not CloudFormation's Key/Value
            r['Properties']['Tags'] = [{'TagKey': x['Key'], 'TagValue': x['Value']} for x in r['Properties']['Tags']]
        if r['Type'] == 'AWS::AutoScaling::AutoScalingGroup':
            # moto keeps a terminated instance's network interface, which blocks the VPC delete: the emulator's
            # groups launch no instance (minimum and desired 0); MaxSize stays as synthesized
            if str(r['Properties'].get('MinSize')) != '0' or 'DesiredCapacity' in r['Properties']:
                changed_for_emulator[(label, lid)].add('launches no instance')
            r['Properties']['MinSize'] = '0'
            r['Properties'].pop('DesiredCapacity', None)
        if r['Type'] == 'AWS::SageMaker::EndpointConfig':
            for v in r['Properties'].get('ProductionVariants', []):
                if isinstance(v.get('InstanceType'), str) and v['InstanceType'] not in SAGEMAKER_TYPES:
                    # the emulator's list of serving types predates ml.g5/ml.g6
                    swapped_serving_types[v['InstanceType']] += 1
                    changed_for_emulator[(label, lid)].add('serving type swapped')
                    v['InstanceType'] = 'ml.g4dn.xlarge'
        if r['Type'] not in MODELLED or r['Type'] in CREATE_ONLY:
            stand_in_types[r['Type']].add((label, lid))
            stand_ins.add(lid)
            replacement = {
                'Type': 'AWS::SSM::Parameter',
                'Properties': {'Name': f'/ai-infra/emulated/{stack}/{lid}', 'Type': 'String', 'Value': r['Type']},
            }
            for k in ('DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Condition'):
                if k in r:
                    replacement[k] = r[k]
            t['Resources'][lid] = replacement
        else:
            as_synthesized.add((label, lid))

    def walk(node):
        if isinstance(node, dict):
            if 'Fn::GetAtt' in node and len(node) == 1:
                target = node['Fn::GetAtt']
                target = target.split('.', 1) if isinstance(target, str) else target
                if target[0] in stand_ins:
                    # an ARN where one is expected (IAM policies check the format), a plain string elsewhere
                    if target[1].endswith('Arn'):
                        return f'arn:aws:emulated:{REGION}:{ACCOUNT}:{target[0]}'
                    return f'emulated-{target[0]}-{target[1]}'
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node
    t['Resources'] = walk(t['Resources'])
    t['Outputs'] = walk(t.get('Outputs', {}))
    return t


def report_shares():
    """Per stack: how much of the synthesized template the emulator deployed as synthesized, changed, or as stand-ins."""
    print('per stack (a stand-in is an SSM parameter in place of the resource; "changed" resources were deployed with a '
          'property the emulator needs altered):')
    print(f'  {"stack":<28} {"resources":>9} {"as synthesized":>16} {"changed":>12} {"stand-ins":>14}')
    for stack, total in template_sizes.items():
        stand = sum(1 for ids in stand_in_types.values() for (s, _) in ids if s == stack)
        changed = sum(1 for (s, lid) in changed_for_emulator if s == stack and (s, lid) in as_synthesized)
        exact = sum(1 for (s, _) in as_synthesized if s == stack) - changed
        pct = lambda n: f'{n} ({100 * n / total:.0f}%)' if total else '0'
        print(f'  {stack:<28} {total:>9} {pct(exact):>16} {pct(changed):>12} {pct(stand):>14}')
    kinds = collections.Counter(w for ws in changed_for_emulator.values() for w in ws)
    if kinds:
        print('  changed: ' + ', '.join(f'{w} x{n}' for w, n in sorted(kinds.items())))


def publish(c, cdk_out, stack, image_id):
    """Publishes the stack's assets; returns the template's URL."""
    manifest = json.load(open(os.path.join(cdk_out, f'{stack}.assets.json')))
    url = None
    for asset in manifest['files'].values():
        src = os.path.join(cdk_out, asset['source']['path'])
        if asset['source']['packaging'] == 'zip':
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, 'w') as z:
                for root, _, files in os.walk(src):
                    for f in files:
                        z.write(os.path.join(root, f), os.path.relpath(os.path.join(root, f), src))
            body = buf.getvalue()
        else:
            body = open(src, 'rb').read()
        is_template = src.endswith('.template.json')
        if is_template:
            body = json.dumps(for_emulator(json.loads(body), image_id, stack)).encode()
        for dest in asset['destinations'].values():
            bucket = dest['bucketName'].replace('${AWS::AccountId}', ACCOUNT).replace('${AWS::Region}', REGION)
            try:
                c['s3'].create_bucket(Bucket=bucket)
            except c['s3'].exceptions.BucketAlreadyOwnedByYou:
                pass
            c['s3'].put_object(Bucket=bucket, Key=dest['objectKey'], Body=body)
            if is_template:
                url = f'https://s3.amazonaws.com/{bucket}/{dest["objectKey"]}'
    if not url:
        fail(f'{stack}: no template asset in {cdk_out}')
    return url


def wait(cfn, name, want):
    for _ in range(300):
        try:
            s = cfn.describe_stacks(StackName=name)['Stacks'][0]
        except cfn.exceptions.ClientError:
            if want == 'DELETE_COMPLETE':
                return want
            raise
        if not s['StackStatus'].endswith('_IN_PROGRESS'):
            break
        time.sleep(0.5)
    if s['StackStatus'] != want:
        fail(f'{name}: {s["StackStatus"]} ({s.get("StackStatusReason")}), expected {want}')
    return s['StackStatus']


def physical_ids(cfn, name, prefix, rtype):
    return [r['PhysicalResourceId'] for r in cfn.list_stack_resources(StackName=name)['StackResourceSummaries']
            if r['ResourceType'] == rtype and r['LogicalResourceId'].startswith(prefix)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--endpoint', required=True)
    ap.add_argument('--create', nargs='+', required=True, metavar='DIR:STACK')
    ap.add_argument('--update', nargs=2, required=True, metavar=('NAME', 'DIR:STACK'))
    ap.add_argument('--retained', nargs=2, required=True, metavar=('NAME', 'LOGICAL_PREFIX'))
    a = ap.parse_args()
    c = clients(a.endpoint)
    cfn = c['cloudformation']
    image_id = c['ec2'].describe_images(Owners=['amazon'])['Images'][0]['ImageId']
    c['ssm'].put_parameter(Name='/cdk-bootstrap/hnb659fds/version', Value='30', Type='String', Overwrite=True)
    counts = collections.Counter()
    names = []

    for spec in a.create:
        cdk_out, stack = spec.split(':')
        name = stack
        url = publish(c, cdk_out, stack, image_id)
        cfn.create_stack(StackName=name, TemplateURL=url, Capabilities=['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'])
        wait(cfn, name, 'CREATE_COMPLETE')
        n = len(cfn.list_stack_resources(StackName=name)['StackResourceSummaries'])
        print(f'create {name}: CREATE_COMPLETE ({n} resources)')
        counts['created'] += 1
        names.append(name)

    # an object in the retained data bucket
    rname, rprefix = a.retained
    buckets = physical_ids(cfn, rname, rprefix, 'AWS::S3::Bucket')
    if not buckets:
        fail(f'{rname}: no bucket with logical id starting {rprefix}')
    bucket = buckets[0]
    enc = c['s3'].get_bucket_encryption(Bucket=bucket)['ServerSideEncryptionConfiguration']['Rules'][0]['ApplyServerSideEncryptionByDefault']
    if enc['SSEAlgorithm'] != 'aws:kms':
        fail(f'{rname}: data bucket {bucket} is not encrypted with KMS ({enc})')
    c['s3'].put_object(Bucket=bucket, Key='checkpoints/step-1000.pt', Body=b'weights')

    # update: fleet size and storage tiers
    uname, uspec = a.update
    def sizes():
        out = {}
        for r in cfn.list_stack_resources(StackName=uname)['StackResourceSummaries']:
            if r['ResourceType'] == 'AWS::AutoScaling::AutoScalingGroup':
                g = c['autoscaling'].describe_auto_scaling_groups(AutoScalingGroupNames=[r['PhysicalResourceId']])['AutoScalingGroups']
                out[r['LogicalResourceId']] = g[0]['MaxSize'] if g else None
        return out

    def transitions():
        # moto's S3 does not apply a bucket's LifecycleConfiguration from CloudFormation: read the stack's template
        body = cfn.get_template(StackName=uname)['TemplateBody']
        body = json.loads(body) if isinstance(body, str) else body
        rules = [r for lid, res in body['Resources'].items() if lid.startswith(rprefix) and res['Type'] == 'AWS::S3::Bucket'
                 for r in res['Properties'].get('LifecycleConfiguration', {}).get('Rules', [])]
        return sorted(t['StorageClass'] for r in rules for t in r.get('Transitions', []))
    size_before, tiers_before = sizes(), transitions()
    cdk_out, stack = uspec.split(':')
    url = publish(c, cdk_out, stack, image_id)
    cfn.update_stack(StackName=uname, TemplateURL=url, Capabilities=['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'])
    wait(cfn, uname, 'UPDATE_COMPLETE')
    size_after, tiers_after = sizes(), transitions()
    changed = {k: (size_before.get(k), v) for k, v in size_after.items() if size_before.get(k) != v}
    if not changed:
        fail(f'{uname}: the update changed no Auto Scaling group size ({size_before} -> {size_after})')
    if tiers_after == tiers_before:
        fail(f'{uname}: the update changed no storage transition ({tiers_before})')
    if buckets != physical_ids(cfn, uname, rprefix, 'AWS::S3::Bucket'):
        fail(f'{uname}: the update replaced the data bucket')
    print(f'update {uname}: UPDATE_COMPLETE (fleet MaxSize {", ".join(f"{b} -> {v}" for b, v in changed.values())}; '
          f'storage transitions {"+".join(tiers_before)} -> {"+".join(tiers_after)}; same data bucket)')
    counts['updated'] += 1

    for name in names:
        cfn.delete_stack(StackName=name)
        wait(cfn, name, 'DELETE_COMPLETE')
        print(f'delete {name}: DELETE_COMPLETE')
        counts['deleted'] += 1

    body = c['s3'].get_object(Bucket=bucket, Key='checkpoints/step-1000.pt')['Body'].read()
    if body != b'weights':
        fail(f'retained bucket {bucket}: object changed')
    kept = [b['Name'] for b in c['s3'].list_buckets()['Buckets'] if not b['Name'].startswith('cdk-hnb659fds-assets')]
    print(f'retained after delete: data bucket {bucket} with its object; {len(kept)} buckets kept in all (DeletionPolicy Retain)')
    if swapped_serving_types:
        print('serving types the emulator does not know (deployed as ml.g4dn.xlarge): ' + ', '.join(f'{t} x{n}' for t, n in sorted(swapped_serving_types.items())))
    n_stand_ins = sum(len(v) for v in stand_in_types.values())
    report_shares()
    print(f'resources: {len(as_synthesized)} deployed as synthesized, {n_stand_ins} as stand-ins')
    print('not modelled by the emulator, or not deletable there (deployed as stand-ins): ' + ', '.join(f'{t} x{len(n)}' for t, n in sorted(stand_in_types.items())))
    print(f'emulated deploy: {counts["created"]} stacks created, {counts["updated"]} updated, {counts["deleted"]} deleted')


if __name__ == '__main__':
    main()
