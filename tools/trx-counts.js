#!/usr/bin/env node
// Sums the ResultSummary/Counters of VSTest .trx files: prints "PASSED FAILED SKIPPED" on one line.
// failed also counts error, timeout and aborted. Skipped: notExecuted, or total - executed where the VSTest
// logger leaves notExecuted at 0 for skipped xunit tests. A file without Counters is one failure.
// Usage: node tools/trx-counts.js results.trx [more.trx ...]
'use strict';
const fs = require('fs');
let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  const xml = fs.readFileSync(file, 'utf8');
  const summary = /<ResultSummary\b[\s\S]*?<\/ResultSummary>/.exec(xml);
  const counters = summary && /<Counters\b([^>]*)\/?>/.exec(summary[0]);
  if (!counters) { console.error(`${file}: no ResultSummary/Counters`); failed++; continue; }
  const n = name => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [])[1] || 0);
  passed += n('passed');
  failed += n('failed') + n('error') + n('timeout') + n('aborted');
  skipped += Math.max(n('notExecuted'), n('total') - n('executed'));
}
console.log(`${passed} ${failed} ${skipped}`);
