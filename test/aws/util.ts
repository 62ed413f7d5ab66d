import { App, IPolicyValidationPluginBeta1, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GpuFleetSpec, GpuFleetSpecProps, InstanceType, aws } from '../../src';

export function stack(): Stack {
  return new Stack(new App(), 'Test');
}

/** A stack with a cluster network sized for the fleet props. */
export function withNetwork(fleet?: Partial<GpuFleetSpecProps>): { stack: Stack; network: aws.ClusterNetwork } {
  const s = stack();
  const network = new aws.ClusterNetwork(s, 'Network', {
    fleet: fleet ? new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, ...fleet } as GpuFleetSpecProps) : undefined,
  });
  return { stack: s, network };
}

export function launchTemplateData(t: Template): any {
  const lts = Object.values(t.findResources('AWS::EC2::LaunchTemplate'));
  expect(lts).toHaveLength(1);
  return (lts[0] as any).Properties.LaunchTemplateData;
}

/**
 * Synthesizes an app with policy validation plugins (cdk-nag packs, CloudFormation Guard), capturing what they print:
 * the synthesis error, if the plugins fail it, and the report lines. One synthesis runs every plugin over every stack.
 */
export function synthWithPlugins(build: (app: App) => void, plugins: (app: App) => IPolicyValidationPluginBeta1[]): { error?: Error; output: string } {
  const app = new App();
  build(app);
  Validations.of(app).addPlugins(...plugins(app));
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...a) => { lines.push(a.join(' ')); });
  const spyLog = jest.spyOn(console, 'log').mockImplementation((...a) => { lines.push(a.join(' ')); });
  try {
    app.synth();
    return { output: lines.join('\n') };
  } catch (e) {
    return { error: e as Error, output: lines.join('\n') };
  } finally {
    spy.mockRestore();
    spyLog.mockRestore();
  }
}
