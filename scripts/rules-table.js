#!/usr/bin/env node
// Prints the README's table of SecurityChecks rules from the compiled library
// (npm run compile:app first). test/checks/readme.test.ts keeps the README in sync.
'use strict';
const { SecurityChecks } = require('../build/app/lib');
const rows = SecurityChecks.rules().map((r) => `| \`${r.id}\` | ${r.description} | ${r.checkov ?? '-'} | ${r.level} |`);
console.log(['| rule | requires | checkov / equivalent | level |', '|---|---|---|---|', ...rows].join('\n'));
