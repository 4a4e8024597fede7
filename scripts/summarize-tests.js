// Adds up the Jest and Playwright JSON reports into one closing line.
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.json'))) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  let ok = 0;
  let bad = 0;
  if ('numPassedTests' in report) {
    ok = report.numPassedTests;
    // A suite that fails to load has no failed test, but it is a failure.
    bad = report.numFailedTests + report.numRuntimeErrorTestSuites;
  } else if (report.stats) {
    ok = report.stats.expected;
    bad = report.stats.unexpected + report.stats.flaky;
  }
  passed += ok;
  failed += bad;
  console.log(`${file}: ${ok} passed, ${bad} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
