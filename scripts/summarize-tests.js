// Adds up the Jest and Playwright JSON reports into one closing line.
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.json'))) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    console.log(
      `${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
    );
  } else if (report.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    console.log(
      `${file}: ${report.stats.expected} passed, ${report.stats.unexpected} failed`,
    );
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
