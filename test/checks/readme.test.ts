import * as fs from 'fs';
import * as path from 'path';
import { SecurityChecks } from '../../lib';

test('the README documents every SecurityChecks rule with its checkov id (node scripts/rules-table.js regenerates it)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const documented = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme)![1].split('\n').slice(2);
  const expected = SecurityChecks.rules().map((r) => `| \`${r.id}\` | ${r.description} | ${r.checkov ?? '-'} | ${r.level} |`);
  expect(documented).toEqual(expected);
});
