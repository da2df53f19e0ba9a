import { JsonPatch, cdktf, javascript } from 'projen';
import { EslintFlatConfig } from './projenrc/eslint-flat-config';

/**
 * Provider packages whose root index must never be imported: loading the root of
 * @cdktf/provider-aws costs 4.6-6.0 s and ~575 MB at every synth, a deep import
 * (`@cdktf/provider-aws/lib/s3-bucket`) costs nothing beyond cdktf itself.
 */
const PREBUILT_PROVIDERS = ['aws', 'cloudflare', 'kubernetes', 'helm', 'postgresql', 'random'];

const project = new cdktf.ConstructLibraryCdktf({
  name: '@livestreamsell/cdktf-constructs',
  description:
    'Secure-by-default CDK for Terraform constructs for a SaaS on AWS, Cloudflare, Render, Supabase and Kubernetes: remote state, environments, networking and edge security, compute, database, storage, observability with automatic rollback, feature flags.',
  author: 'LiveStreamSell AI Platform Team',
  authorAddress: 'platform@livestreamsell.ai',
  authorOrganization: true,
  repositoryUrl: 'https://github.com/livestreamsell/cdktf-constructs.git',
  keywords: ['cdktf', 'terraform', 'constructs', 'render', 'supabase', 'cloudflare', 'kubernetes', 'grafana', 'posthog'],
  homepage: 'https://github.com/livestreamsell/cdktf-constructs#readme',
  bugsUrl: 'https://github.com/livestreamsell/cdktf-constructs/issues',
  // 0.x until the API settles: every change is allowed to break, and says so in the CHANGELOG.
  stability: 'experimental',
  majorVersion: 0,
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  projenVersion: '0.103.25',
  peerDependencyOptions: { pinnedDevDependency: false },

  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  // Node's support table: 20 reached end of life on 2026-10-30; 22 and 24 are supported.
  minNodeVersion: '22.0.0',
  workflowNodeVersion: '22',

  // Sources live in lib/ as the product card asks; compiled output goes to build/
  // so that it never mixes with sources, and jsii's package output (dist/js) stays apart.
  srcdir: 'lib',
  libdir: 'build/lib',
  entrypoint: 'build/lib/index.js',
  entrypointTypes: 'build/lib/index.d.ts',
  testdir: 'test',
  artifactsDirectory: 'dist',
  sampleCode: false,

  // Releases from conventional commits (projen's release workflow: bump, changelog, tag,
  // npm publish), with jsii-diff against the previous release and weekly dependency upgrades.
  // The build and release workflows run `.ci/run`, the same commands as this repository's CI.
  github: true,
  release: true,
  releaseToNpm: true,
  // jsii-diff against the previous release runs as `npm run compat` (scripts/api-diff.js) in CI and
  // releases, not in every compile: it needs the previous assembly.
  compat: false,
  depsUpgrade: true,
  buildWorkflow: true,
  pullRequestTemplate: false,
  autoMerge: false,
  package: true,
  prettier: false,

  // The real PostgreSQL parser (WebAssembly, no install scripts), used at synth to
  // prove that policy expressions are one SQL expression and that every emitted SQL
  // file is the statements the library meant. Not a jsii package, so it is bundled.
  bundledDeps: ['libpg-query@^15.6.3'],

  peerDeps: [
    '@cdktf/provider-aws@^21',
    '@cdktf/provider-cloudflare@^13',
    '@cdktf/provider-kubernetes@^12',
    '@cdktf/provider-helm@^12',
    '@cdktf/provider-postgresql@^12',
    '@cdktf/provider-random@^12',
  ],
  devDeps: [
    // Develop and test against the newest provider releases the peer ranges allow.
    '@cdktf/provider-aws@21.22.1',
    '@cdktf/provider-cloudflare@13.9.1',
    '@cdktf/provider-kubernetes@12.1.1',
    '@cdktf/provider-helm@12.1.2',
    '@cdktf/provider-postgresql@12.1.1',
    '@cdktf/provider-random@12.0.1',
    'cdktf@0.21.0',
    'constructs@10.4.2',
    '@cdktf/provider-generator@0.21.0',
    '@cdktf/provider-schema@0.21.0',
    '@cdktf/commons@0.21.0',
    'codemaker',
    'jsii-pacmak',
    'pg@^8',
    '@types/pg@^8',
    '@types/node@^22',
    'ts-node@^10',
    // Property-based tests (escaping of every literal through real Terraform).
    'fast-check@^4',
    // The app that cdktf.json runs is one bundled file (scripts/bundle-app.js).
    'esbuild@^0.28',
    // Engines that run what the library emits (test/engines): workerd through miniflare
    // (the last 4.x that supports Node 20), Kubernetes and CRD schemas, Grafana's
    // dashboard schema and the real PromQL grammar.
    'miniflare@4.20260426.0',
    'kubernetes-models@^5',
    '@kubernetes-models/prometheus-operator@^6',
    '@kubernetes-models/cert-manager@^6',
    // Rollout, AnalysisTemplate (Argo Rollouts CRDs).
    '@kubernetes-models/argo-rollouts@^2',
    '@grafana/schema@^13',
    '@prometheus-io/lezer-promql@^0.315',
    '@lezer/lr@^1',
    '@lezer/common@^1',
    '@lezer/highlight@^1',
  ],

  tsconfigDev: {
    include: ['stacks/**/*.ts', 'examples/**/*.ts', 'scripts/**/*.ts'],
    // Type-checking happens in `compile`/`compile:app`; ts-jest transpiles each file on its own, which keeps the suite fast.
    compilerOptions: { isolatedModules: true },
  },
  jestOptions: {
    jestVersion: '^29',
    // Snapshots must be able to fail: never rewrite them during `npm test` (use `npm run test:update`).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Generated SQL runs against a real PostgreSQL server; one worker keeps the
      // 2-core CI machine from thrashing.
      maxWorkers: 2,
      testTimeout: 60000,
      // V8 coverage of a suite that loads the big provider packages makes it ~7x slower
      // (31 s -> 3.5 min here): `npm test` skips it, `npm run test:coverage` collects it.
      collectCoverage: false,
      coveragePathIgnorePatterns: ['/node_modules/', '/lib/providers/.*/gen/', '/test/'],
      coverageReporters: ['json', 'lcov', 'clover', 'cobertura', 'text-summary'],
    },
  },
  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'stacks', 'examples', 'scripts'],
    ignorePatterns: ['lib/providers/*/gen/**', '*.js', '*.d.ts', 'node_modules/', 'build/', 'dist/', 'cdktf.out/'],
  },
  // The package ships an allowlist (package.json "files"), not a denylist.
  npmignoreEnabled: false,
  gitignore: ['cdktf.out/', 'build/', '.terraform/', '*.tfstate*', 'lib/providers/*/gen/', 'examples/**/cdktf.out/', '.bench/', '.scratch/'],
});

// One summary line per engine (promtool, workerd, schemas, PromQL grammar) after jest's own report.
project.jest?.addReporter(new javascript.JestReporter('<rootDir>/test/support/engine-reporter.js'));

// What the npm package holds: the compiled library (with its generated bindings), the jsii
// assembly, and the docs users read. Nothing of the app, the tests or the build scripts.
project.package.addField('files', ['build/lib/**/*.js', 'build/lib/**/*.d.ts', '!build/lib/**/*.test.*', '.jsii', 'API.md', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/**/*.md']);

// Deep imports only from prebuilt providers.
project.eslint?.addRules({
  // Error messages and Terraform expressions are long strings; keep code lines bounded.
  '@stylistic/max-len': ['error', { code: 180, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreComments: true }],
  'no-restricted-imports': [
    'error',
    {
      paths: ([] as string[]).concat(...PREBUILT_PROVIDERS.map((p) => [`@cdktf/provider-${p}`, `@cdktf/provider-${p}/lib`, `@cdktf/provider-${p}/lib/index`])).map((name) => ({
        name,
        message: 'Import the resource module instead (e.g. @cdktf/provider-aws/lib/s3-bucket): the root index costs seconds and hundreds of MB at every synth.',
      })),
    },
  ],
});

// Typed Render and Supabase bindings are generated from the schemas in schemas/
// before every compile, so a fresh clone builds and the package ships them.
const gen = project.addTask('gen:providers', {
  description: 'Generate typed Render and Supabase bindings from schemas/*.schema.json',
  exec: 'node scripts/gen-providers.js',
});
project.preCompileTask.spawn(gen);

const compileApp = project.addTask('compile:app', {
  description: 'Compile stacks/ and examples/ (and the library they import) to build/app with tsc',
  exec: 'tsc -p tsconfig.app.json',
});
compileApp.prependSpawn(gen);
// The package root (and the app's copy of it) loads each area and binding on first use.
project.compileTask.exec('node scripts/lazy-exports.js build/lib');
compileApp.exec('node scripts/lazy-exports.js build/app/lib');

// `npm test` type-checks the library, the stacks and the examples first (jest only
// transpiles), and compiles the library with jsii so that an API jsii cannot publish
// fails the suite, not the release.
const bundleApp = project.addTask('bundle:app', {
  description: 'Compile the app and bundle it into build/synth/app.js, the file cdktf.json runs',
});
bundleApp.spawn(compileApp);
bundleApp.exec('node scripts/bundle-app.js');

// ... and bundles it (the bundle test compares the bundle's stacks with the plain build's).
project.testTask.prependSpawn(bundleApp);
// The tests themselves are type-checked too (jest only transpiles them).
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
project.testTask.prependSpawn(project.compileTask);
project.testTask.prependSpawn(gen);
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
project.tasks.addEnvironment('CHECKPOINT_DISABLE', '1');

// A fresh clone has no generated bindings and no jsii assembly yet: the tasks that need them make them.
project.tasks.tryFind('test:watch')?.prependSpawn(gen);
const packageJs = project.tasks.tryFind('package:js');
const noAssembly = { condition: 'node -e "process.exit(require(\'fs\').existsSync(\'.jsii\') ? 1 : 0)"' };
packageJs?.prependSpawn(project.compileTask, noAssembly);
packageJs?.prependSpawn(gen, noAssembly);

project.addTask('test:coverage', {
  description: 'Run the jest suite with coverage (slower: V8 coverage of the provider packages)',
  exec: 'jest --ci --coverage',
});

const synth = project.addTask('synth', {
  description: 'Build and synthesize every LiveStreamSell stack into cdktf.out/ (no credentials, no network)',
});
synth.spawn(bundleApp);
synth.exec('rm -rf cdktf.out');
synth.exec('node scripts/synth-app.js');

const examples = project.addTask('synth:examples', {
  description: 'Synthesize every example under examples/ into examples/<name>/cdktf.out',
});
examples.spawn(compileApp);
examples.exec('node scripts/synth-examples.js');

const bench = project.addTask('bench', {
  description: 'Benchmark: full synth vs a node process that only loads cdktf (wall-time ratio and peak RSS)',
});
bench.spawn(bundleApp);
bench.exec('node scripts/bench.js');

// jsii-diff against the previous release: npm, else the newest v* tag (scripts/api-diff.js).
project.tasks.tryFind('compat')?.reset('node scripts/api-diff.js');

project.addTask('check:snippets', {
  description: 'Compile every TypeScript example of README.md, docs/*.md and the @example blocks of lib/ against the library',
  exec: 'node scripts/check-snippets.js',
});

const diagram = project.addTask('diagram', {
  description: "Draw the app's stacks, modules and references into README.md (and its inputs into docs/app.md)",
});
diagram.spawn(compileApp);
diagram.exec('node scripts/app-diagram.js --write');

project.addTask('validate:tf', {
  description: 'Run the real `terraform validate` offline on the synthesized stacks and examples',
  exec: 'node scripts/tf-validate.js',
});

project.addTask('plan:tf', {
  description: 'Offline terraform plan + apply + destroy (terraform test, mock providers) of every stack and example, then broken copies that must fail',
  exec: 'node scripts/tf-plan-apply.js',
  receiveArgs: true,
});

// eslint-import-resolver-typescript 4 pulls unrs-resolver, whose per-platform optional
// packages npm 11 leaves out of the lock file, which then breaks `npm ci`.
project.addDevDeps('eslint-import-resolver-typescript@3.6.3');

// API.md documents the library's own constructs; the generated Render/Supabase
// namespaces (~120k lines of docs) are documented by the providers themselves.
project.tasks.tryFind('docgen')?.reset('jsii-docgen -o API.md -s root');

project.package.addField('publishConfig', { access: 'public' });
project.package.addField('types', 'build/lib/index.d.ts');

// The build and release workflows run the same commands as this repository's CI (.ci/run);
// then projen's own build (package) and release (bump, changelog, package, unbump).
project.github?.tryFindWorkflow('build')?.file?.patch(JsonPatch.replace('/jobs/build/steps/3/run', 'bash .ci/run && npx projen build'));
project.github?.tryFindWorkflow('release')?.file?.patch(JsonPatch.replace('/jobs/release/steps/4/run', 'bash .ci/run && npx projen release'));

// ESLint 9 on a flat config rendered from projen's Eslint component (projenrc/eslint-flat-config.ts).
if (project.eslint) {
  new EslintFlatConfig(project, project.eslint);
}

project.synth();
