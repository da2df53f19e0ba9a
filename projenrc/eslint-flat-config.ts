import { FileBase, IResolver, Project } from 'projen';
import { Eslint } from 'projen/lib/javascript';

/**
 * ESLint 9's flat config (`eslint.config.mjs`) from projen's Eslint component.
 *
 * projen 0.103 writes only the legacy `.eslintrc.json` and runs ESLint with
 * `ESLINT_USE_FLAT_CONFIG=false`, a mode ESLint 9 deprecates and ESLint 10 removes. The
 * component stays the single source of the rules (projen's defaults plus this project's
 * additions); this file renders the same rules, parser, plugins, settings, ignores and
 * overrides in the flat format, removes the legacy file and runs ESLint without the flag.
 * Removable once projen renders flat configs itself.
 */
export class EslintFlatConfig extends FileBase {
  constructor(project: Project, private readonly eslint: Eslint) {
    super(project, 'eslint.config.mjs', { marker: true });
    project.tryRemoveFile('.eslintrc.json');
  }

  /**
   * Runs ESLint with the flat config: no `--ext` (the config's `files` choose), no legacy flag.
   * At pre-synthesis, after every component has added its lint patterns (each re-renders the task).
   */
  public preSynthesize(): void {
    const task = this.eslint.eslintTask;
    task.reset('eslint --fix --no-error-on-unmatched-pattern $@ ' + this.eslint.lintPatterns.join(' '), { receiveArgs: true });
    task.env('ESLINT_USE_FLAT_CONFIG', 'true');
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const config = resolver.resolve(this.eslint.config);
    // Legacy ignore patterns without a slash match at any depth; flat ones are anchored.
    const ignores = (config.ignorePatterns as string[]).map((p) => {
      const negated = p.startsWith('!');
      const body = negated ? p.slice(1) : p;
      const anchored = body.replace(/\/$/, '').includes('/') ? body : `**/${body}`;
      return (negated ? '!' : '') + anchored;
    });
    const settings = { ...config.settings, 'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] } };
    const overrides = (config.overrides ?? []).map((o: { files: string[]; rules: object }) => ({ files: o.files, rules: o.rules }));
    const json = (value: unknown) => JSON.stringify(value, undefined, 2);
    return [
      `// ${this.marker}`,
      '// Rendered from projen\'s Eslint component by projenrc/eslint-flat-config.ts.',
      "import stylistic from '@stylistic/eslint-plugin';",
      "import tsPlugin from '@typescript-eslint/eslint-plugin';",
      "import tsParser from '@typescript-eslint/parser';",
      "import importPlugin from 'eslint-plugin-import';",
      '',
      'export default [',
      `  { ignores: ${json(ignores)} },`,
      '  importPlugin.flatConfigs.typescript,',
      '  {',
      "    files: ['**/*.ts', '**/*.tsx'],",
      '    languageOptions: {',
      '      parser: tsParser,',
      `      ecmaVersion: ${config.parserOptions.ecmaVersion},`,
      `      sourceType: ${json(config.parserOptions.sourceType)},`,
      `      parserOptions: { projectService: ${json(config.parserOptions.projectService)} },`,
      '    },',
      "    // 'import' comes with importPlugin.flatConfigs.typescript above (one plugin object per name).",
      "    plugins: { '@typescript-eslint': tsPlugin, '@stylistic': stylistic },",
      `    settings: ${json(settings)},`,
      `    rules: ${json(config.rules)},`,
      '  },',
      ...overrides.map((o: object) => `  ${json(o)},`),
      '];',
      '',
    ].join('\n');
  }
}
