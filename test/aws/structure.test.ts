import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { AwsPlatformStack, StrategySelector } from '../../src';
import { DEFAULT_SCENARIOS } from '../../src/demo/scenarios';
import { ROOT } from '../helpers';

/** The AWS folder's own source: what these rules read. */
function awsSources(): Array<[string, string]> {
  const dir = path.join(ROOT, 'src/aws');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}

describe('src/aws keeps references to what it made', () => {
  test('no construct child is looked up by name (tryFindChild / findChild): a renamed child in aws-cdk-lib would break silently', () => {
    const hits = awsSources().flatMap(([f, text]) => [...text.matchAll(/\.(tryFindChild|findChild)\(([^)]*)\)/g)].map((m) => `${f}: ${m[1]}(${m[2]})`));
    // the one exception: aws-cdk-lib's stack-wide singleton provider of restrictDefaultSecurityGroup, which the Vpc exposes
    // no reference to; looked up with tryFindChild so that a rename only drops a cfn-guard acknowledgement (the guard
    // test then fails), never the stack
    expect(hits).toEqual(["cluster-network.ts: tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider')"]);
  });

  test('no readonly field is written through a cast (`(this as { x?: T }).x = ...`, `as unknown as`)', () => {
    const hits = awsSources().flatMap(([f, text]) => [...text.matchAll(/\(\s*\w+\s+as\s+(\{|unknown\s+as)[^)]*\)\s*\.\s*\w+\s*=(?!=)|as unknown as/g)].map((m) => `${f}: ${m[0]}`));
    expect(hits).toEqual([]);
  });

  test('the hybrid platform exposes the VPN connection and the Resolver inbound endpoint it made', () => {
    const hybrid = DEFAULT_SCENARIOS.find((s) => s.name === 'regulated-records')!;
    const stack = new AwsPlatformStack(new App(), 'P', { ...hybrid.platform, selection: StrategySelector.select(hybrid.requirements) });
    expect(stack.vpnConnection?.node.path).toBe('P/Network/Vpc/OnPremises');
    expect(stack.resolverEndpoint?.node.path).toBe('P/ResolverInbound');
  });
});
