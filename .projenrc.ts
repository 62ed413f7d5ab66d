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
  // release metadata (issue 16): the organisation that publishes, the repository every registry links to
  author: 'AI Infra Constructs',
  authorAddress: 'dev@ai-infra.local',
  authorOrganization: true,
  repositoryUrl: 'https://github.com/ai-infra-constructs/ai-infra-constructs.git',
  homepage: 'https://github.com/ai-infra-constructs/ai-infra-constructs#readme',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.0',
  // engines: what the published package runs on (aws-cdk-lib and cdktf need Node 20+).
  minNodeVersion: '20.0.0',
  keywords: ['cdk', 'cdktf', 'awscdk', 'constructs', 'gpu', 'mlops', 'machine-learning', 'efa', 'infiniband', 'sagemaker', 'vertex-ai', 'azure-ml'],
  stability: 'experimental',

  // Release (docs/releasing.md): projen's release workflow (.github/workflows/release.yml) on every push to main.
  // `npx projen release` bumps the version from the conventional commits since the last tag (commit-and-tag-version),
  // writes dist/changelog.md, builds, and the workflow publishes to npm (secret NPM_TOKEN) and, through the jsii
  // targets below, to PyPI (TWINE_USERNAME, TWINE_PASSWORD), Maven Central (MAVEN_USERNAME, MAVEN_PASSWORD,
  // MAVEN_GPG_PRIVATE_KEY, MAVEN_GPG_PRIVATE_KEY_PASSPHRASE, MAVEN_STAGING_PROFILE_ID), NuGet (NUGET_API_KEY) and
  // the Go module repository (GO_GITHUB_TOKEN). A job whose secrets are missing fails; the others still publish,
  // and the GitHub release (which waits for all of them) is not created.
  // CI here is .ci/run (no GitHub runner), so GitHub is on for the release workflow only.
  github: true,
  githubOptions: { mergify: false, pullRequestLint: false },
  buildWorkflow: false,
  // the upgrade task stays (run by hand); no upgrade workflow
  depsUpgradeOptions: { workflow: false },
  pullRequestTemplate: false,
  release: true,
  releaseToNpm: true,
  npmAccess: javascript.NpmAccess.PUBLIC,
  // the library is experimental: breaking changes bump the minor version until 1.0.0
  majorVersion: 0,
  // The first release is 0.1.0, later ones follow the commits (an empty answer leaves the commit-derived bump). projen
  // would otherwise publish the untagged tree's 0.0.0, the version every unbumped tree keeps, and npm 11's
  // `npm publish --dry-run` in CI then fails with "You cannot publish over the previously published versions: 0.0.0".
  nextVersionCommand: 'git rev-parse --verify --quiet "refs/tags/$LATEST_TAG" > /dev/null || echo 0.1.0',
  // the release runs on the Node major CI runs on (20.20 here; projen's default would be exactly minNodeVersion, 20.0.0)
  workflowNodeVersion: '20.x',

  peerDeps: [
    'aws-cdk-lib@^2.276.0',
    'constructs@^10.5.1',
    'cdktf@^0.21.0',
    '@cdktf/provider-google@^16.12.0',
    '@cdktf/provider-azurerm@^14.23.0',
  ],
  // @viz-js/viz: Graphviz compiled to WebAssembly (MIT), for `ai-infra diagram` and the demo's pictures; not jsii, so bundled
  bundledDeps: ['commander@^14.0.0', '@viz-js/viz@^3.31.0'],
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
  // The npm tarball carries the compiled library, its jsii assembly, README, API.md and LICENSE only: no tests,
  // fixtures, benchmarks, CI, build scripts, examples or demo output (scripts/check-tarball.js enforces it in CI).
  npmIgnoreOptions: {
    ignorePatterns: [
      '/.ci/', '/.ci-work/', '/bench/', 'bench.json', '/BENCHMARKS.md', '/scripts/', '/examples/', '/docs/',
      'demo.out/', 'cdk.out/', 'cdktf.out/', '*.tgz', '/.versionrc.json', '/.compatignore', '/CHANGELOG.md',
      '__snapshots__/', '*.test.*',
    ],
  },
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

// ---- Release checks (issue 16; docs/releasing.md) ------------------------------------------------------------------
// `npx projen check:tarball`: the packed npm tarball carries only the library, within its size budget, and
// `npm publish --dry-run` accepts it (no credentials needed).
const checkTarball = project.addTask('check:tarball', {
  description: 'The npm tarball (dist/js) carries only the library, within its size budget; npm publish --dry-run accepts it',
  steps: [
    { exec: 'node scripts/check-tarball.js dist/js/*.tgz' },
    { exec: 'npm publish --dry-run dist/js/*.tgz' },
  ],
});
// `npx projen compat`: jsii-diff against the last published version, skipped (and said) while none exists; breaking
// changes to the experimental API fail too (--error-on all). Not part of compile: it needs the registry.
const compat = project.tasks.tryFind('compat')!;
compat.reset('bash scripts/compat.sh', { receiveArgs: true });
// `npx projen cdktn`: the Azure example against the community fork (cdktn, @cdktn/provider-azurerm) through the
// cdktf import point, from the packed tarball.
project.addTask('cdktn', {
  description: 'Synthesize the Azure example with cdktn and @cdktn/provider-azurerm in place of cdktf (needs dist/js from package)',
  exec: 'bash scripts/cdktn-synth.sh dist/js/*.tgz',
});
// `npx projen changelog`: CHANGELOG.md from the conventional commits in git history, grouped by release tag
project.addTask('changelog', {
  description: 'Regenerate CHANGELOG.md from the conventional commits in git history (grouped by v* release tag)',
  exec: 'node scripts/changelog.js CHANGELOG.md',
});
// the release (bump, build, unbump) also checks the tarball and the API compatibility before anything is published.
// Not the publish dry-run: a rerun of a release whose npm job already succeeded would fail it ("cannot publish over
// the previously published versions"), while publib's npm job skips a published version on that very message and the
// other jobs go on (https://github.com/cdklabs/publib/blob/main/bin/publib-npm).
const releaseTask = project.tasks.tryFind('release')!;
const buildAt = releaseTask.steps.findIndex((step) => step.spawn === 'build');
releaseTask.insertStep(buildAt + 1, { exec: checkTarball.steps[0].exec! }, { spawn: compat.name });
// ---- end of release checks -----------------------------------------------------------------------------------------

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

// `npx projen catalog:docs`: docs/catalog.md generated from the catalog (CI regenerates it and fails on a difference).
project.addTask('catalog:docs', {
  description: 'Regenerate docs/catalog.md from src/core/catalog (every figure with its date and source)',
  exec: 'ts-node --transpile-only src/cli/main.ts catalog --markdown > docs/catalog.md',
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
