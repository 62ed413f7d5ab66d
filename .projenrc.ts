import { cdk, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

/**
 * ai-infra-constructs: one jsii construct library that renders the same neutral
 * specification to aws-cdk-lib (CloudFormation) and to cdktf (Google Cloud, Azure).
 *
 * Why cdk.JsiiProject and not awscdk.AwsCdkConstructLibrary: the library has two
 * engines of equal rank (aws-cdk-lib and cdktf). AwsCdkConstructLibrary makes
 * aws-cdk-lib the centre (cdkVersion pinning, integ-runner wiring); JsiiProject lets
 * us declare every engine as a peer dependency the same way.
 */
const project = new cdk.JsiiProject({
  name: 'ai-infra-constructs',
  description: 'Constructs for AI infrastructure (GPU fleets, tiered storage, cluster networks, ML endpoints) on AWS (aws-cdk-lib), Google Cloud and Azure (cdktf), with a strategy selector and governance.',
  author: 'AI Infra Constructs',
  authorAddress: 'dev@ai-infra.local',
  repositoryUrl: 'https://github.com/ai-infra-constructs/ai-infra-constructs.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.0',
  // engines: what the published package runs on (aws-cdk-lib and cdktf need Node 20+).
  minNodeVersion: '20.0.0',
  keywords: ['cdk', 'cdktf', 'constructs', 'gpu', 'machine-learning', 'efa', 'infiniband', 'sagemaker', 'vertex-ai', 'azure-ml'],
  github: false,
  release: false,
  stability: 'experimental',

  peerDeps: [
    'aws-cdk-lib@^2.276.0',
    'constructs@^10.5.1',
    'cdktf@^0.21.0',
    '@cdktf/provider-google@^16.12.0',
    '@cdktf/provider-azurerm@^14.23.0',
  ],
  bundledDeps: ['commander@^14.0.0'],
  devDeps: [
    '@types/node@^20',
    'cdk-nag@^3',
    // AWS CloudFormation Guard with the Control Tower proactive-control rules (the cfn-guard binary ships inside)
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    'fast-check@^4',
    // the aws-cdk CLI that reads aws-cdk-lib 2.276 assemblies (npm's latest tag, 3.0.0, refuses them)
    'aws-cdk@2.1148.1',
    // jest 30 and eslint-import-resolver-typescript 4 depend on unrs-resolver, whose non-Linux
    // optional bindings the npm registry here does not serve: the lock file then lacks them and
    // `npm ci` refuses it. jest 29 and the resolver 3.7 use resolvers without native bindings.
    'ts-jest@^29',
    '@types/jest@^29',
  ],

  bin: { 'ai-infra': 'lib/cli/main.js' },

  publishToPypi: { distName: 'ai-infra-constructs', module: 'ai_infra_constructs' },
  publishToMaven: {
    javaPackage: 'io.github.aiinfraconstructs',
    mavenGroupId: 'io.github.ai-infra-constructs',
    mavenArtifactId: 'ai-infra-constructs',
  },
  publishToNuget: { dotNetNamespace: 'AiInfraConstructs', packageId: 'AiInfraConstructs' },
  publishToGo: { moduleName: 'github.com/ai-infra-constructs/ai-infra-constructs-go' },

  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 120_000,
      // every core: jest's default (cores - 1) runs one worker on a 2-core machine, where most tests are CPU-bound synthesis
      maxWorkers: '100%',
      // examples import the package by name, as a user's app does
      moduleNameMapper: { '^ai-infra-constructs$': '<rootDir>/src' },
      collectCoverage: false,
    },
  },
  // separate .map files instead of inline source maps: the compiled modules an app loads are about a third of the
  // size (842 KiB -> 253 KiB for one Azure platform), which is load time at every synthesis (npm run bench)
  tsconfig: { compilerOptions: { inlineSourceMap: false, sourceMap: true, inlineSources: true } },
  gitignore: ['demo.out/', 'cdk.out/', 'cdktf.out/', 'bench.json', '.ci-work/', '*.tgz', '.jsii.tabl.json'],
});

// The engines are optional peers: an AWS app installs no Terraform package, a Terraform app no aws-cdk-lib (npm 7+
// installs every peer that is not marked optional). constructs is the one every app needs.
project.package.addField('peerDependenciesMeta', Object.fromEntries(
  ['aws-cdk-lib', 'cdktf', '@cdktf/provider-google', '@cdktf/provider-azurerm'].map((name) => [name, { optional: true }]),
));

// (see devDeps) the eslint component adds the resolver without a version; pin it to 3.7.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.7.0');

// jsii warns on every call that Node 20 is past end of life; it is the Node we have.
// Since 2026-10-30 jsii treats Node 20 as end-of-life, which only the END_OF_LIFE variable
// (a list of major versions) silences; the DEPRECATED one covers the months before that.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Long rule tables and error texts read better on one line; strings and templates are exempt.
project.eslint?.addRules({
  '@stylistic/max-len': ['error', { code: 180, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreComments: true, ignoreRegExpLiterals: true }],
});

// `package` builds the JavaScript package everywhere. Python, Java and .NET packaging need PyPI,
// Maven Central and NuGet (and Go and .NET toolchains) that these machines do not reach:
// `npx projen package-all` builds every target on a machine that has them.
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
packageTask.spawn(project.tasks.tryFind('package:js')!);

// `npm run demo -- --out DIR`: synthesizes the embedded default scenarios offline.
// Runs from source (transpile only), so it works straight after `npm ci`.
project.addTask('demo', {
  description: 'Synthesize the default scenarios offline into demo.out (or --out DIR)',
  exec: 'ts-node --transpile-only src/cli/main.ts demo',
  receiveArgs: true,
});

// `npm run ai-infra -- <command>`: the CLI from a clone (a package's own bin is not linked into its own
// node_modules/.bin, and `npx ai-infra` there would look the name up on the public registry).
project.addTask('ai-infra', {
  description: 'The ai-infra command from source (npm run ai-infra -- <command> [options])',
  exec: 'ts-node --transpile-only src/cli/main.ts',
  receiveArgs: true,
});

// `npm run example:aws` (cdk synth into examples/aws/cdk.out), `example:gcp` and `example:azure` (the app's own synth
// into examples/<cloud>/cdktf.out, what `cdktf synth` runs): the examples from a clone, where examples/from-clone.js
// resolves `ai-infra-constructs` to src/. A copied example runs with `npx cdk synth` / `npx cdktf synth` (README.md).
project.addTask('example:aws', {
  description: 'Synthesize examples/aws from this clone (cdk synth)',
  cwd: 'examples/aws',
  exec: 'cdk synth --no-notices --no-version-reporting -q --app "ts-node --transpile-only -r ../from-clone.js app.ts"',
  receiveArgs: true,
});
for (const cloud of ['gcp', 'azure']) {
  project.addTask(`example:${cloud}`, {
    description: `Synthesize examples/${cloud} from this clone into examples/${cloud}/cdktf.out${cloud === 'azure' ? ' (needs ADMIN_SSH_PUBLIC_KEY)' : ''}`,
    cwd: `examples/${cloud}`,
    exec: 'ts-node --transpile-only -r ../from-clone.js main.ts && test -s cdktf.out/stacks/training-platform/cdk.tf.json ' +
      `&& echo "synthesized: examples/${cloud}/cdktf.out/stacks/training-platform/cdk.tf.json"`,
  });
}

// `npm run rosetta`: compiles every @example of the API (jsii-rosetta with the fixtures in rosetta/) after `compile`.
project.addTask('rosetta', {
  description: 'Compile the @example blocks of the API with jsii-rosetta (run after compile)',
  exec: 'jsii-rosetta extract --compile --fail',
});

// after jsii: the cloud namespaces and cloud-dependent modules of lib/index.js load on first use (import cost)
project.compileTask.exec('node scripts/lazify-index.js');

// `npm run fuzz`: the full construct fuzz on demand (1,000 synthesized prop sets per construct; CI runs a time-boxed
// share with a rotating, printed seed).
project.addTask('fuzz', {
  description: 'Construct fuzz: 1,000 synthesized prop sets per public construct (FUZZ_RUNS, FUZZ_SEED to override)',
  env: { FUZZ_RUNS: '1000' },
  exec: 'NODE_OPTIONS=--max-old-space-size=6144 jest test/fuzz --maxWorkers=2',
  receiveArgs: true,
});

// `npm run bench`: measurements side by side (not part of npm test); runs against the compiled lib/.
project.addTask('bench', {
  description: 'Benchmarks: import cost, scale, interconnect efficiency, demo (writes bench.json)',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only bench/bench.ts' }],
});

project.synth();
