#!/usr/bin/env node
// Checks the running stock app as a user would meet it: the backend is ready, the plugin's routes
// refuse a request without a token and answer one with a guest token, the three templates are in
// the catalog, and in Chromium the federation page renders and each template's form opens.
// Usage: checkApp.js <screenshot folder> [<report.json>]   (backend :7007, frontend :3000;
// CHROMIUM_BIN). The report has the Jest report's counts, for scripts/summarize-tests.js.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BACKEND = 'http://localhost:7007';
const FRONTEND = 'http://localhost:3000';
const TEMPLATES = {
  'add-cluster-to-federation': 'Add cluster to federation',
  'narrow-cluster-federation': 'Narrow cluster federation',
  'remove-cluster-from-federation': 'Remove cluster from federation',
};
const [shots, reportFile] = process.argv.slice(2);

let passed = 0;
const check = (ok, message) => {
  if (!ok) throw new Error(`FAILED: ${message}`);
  passed += 1;
  console.log(`ok: ${message}`);
};

function report(failed) {
  if (!reportFile) return;
  fs.writeFileSync(
    reportFile,
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      numRuntimeErrorTestSuites: 0,
    }),
  );
}

async function guestToken() {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh?env=development`);
  check(res.ok, `a guest token from /api/auth/guest/refresh (${res.status})`);
  return (await res.json()).backstageIdentity.token;
}

async function routes(token) {
  for (const route of ['/clusters', '/onboarding']) {
    const url = `${BACKEND}/api/prometheus-federation${route}`;
    const anonymous = await fetch(url);
    check(
      anonymous.status === 401,
      `GET ${route} without a token: 401 (${anonymous.status})`,
    );
    const signedIn = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    check(
      signedIn.status === 200,
      `GET ${route} with a guest token: 200 (${signedIn.status})`,
    );
  }
}

/** The templates, once the catalog has read their locations. */
async function templatesInCatalog(token) {
  const deadline = Date.now() + 120_000;
  let names = [];
  while (Date.now() < deadline) {
    const res = await fetch(
      `${BACKEND}/api/catalog/entities?filter=kind=template`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    names = res.ok ? (await res.json()).map(e => e.metadata.name) : [];
    if (Object.keys(TEMPLATES).every(n => names.includes(n))) break;
    await new Promise(r => setTimeout(r, 2000));
  }
  for (const name of Object.keys(TEMPLATES)) {
    check(names.includes(name), `template ${name} is in the catalog`);
  }
}

async function signInIfAsked(page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible().catch(() => false)) await enter.click();
}

async function browser() {
  const executablePath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  const instance = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const page = await instance.newPage({
      viewport: { width: 1280, height: 800 },
    });
    page.setDefaultTimeout(60_000);
    await page.goto(`${FRONTEND}/prometheus-federation`);
    // The guest sign-in page of a new app, when it shows one.
    await page
      .getByRole('button', { name: 'Enter' })
      .or(page.getByTestId('federation-page'))
      .first()
      .waitFor();
    await signInIfAsked(page);
    await page.getByTestId('federation-page').waitFor();
    // Without prometheusFederation config: the empty state with the template link.
    await page.getByTestId('federation-empty-state').waitFor();
    check(true, 'the federation page renders, with its empty state');
    await page.screenshot({
      path: path.join(shots, 'federation-page.png'),
      fullPage: true,
    });

    for (const [name, title] of Object.entries(TEMPLATES)) {
      await page.goto(`${FRONTEND}/create/templates/default/${name}`);
      await signInIfAsked(page);
      await page.getByRole('heading', { name: title }).first().waitFor();
      await page.getByLabel('Cluster name').first().waitFor();
      check(true, `the form of "${title}" opens`);
      await page.screenshot({
        path: path.join(shots, `template-${name}.png`),
        fullPage: true,
      });
    }

    await page.goto(`${FRONTEND}/create`);
    for (const title of Object.values(TEMPLATES)) {
      await page.getByRole('heading', { name: title }).first().waitFor();
    }
    check(true, 'the three templates are listed at /create');
    await page.screenshot({
      path: path.join(shots, 'create.png'),
      fullPage: true,
    });
  } finally {
    await instance.close();
  }
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const ready = await fetch(`${BACKEND}/.backstage/health/v1/readiness`);
  check(ready.ok, `backend readiness (${ready.status})`);
  const token = await guestToken();
  await routes(token);
  await templatesInCatalog(token);
  await browser();
}

main().then(
  () => report(0),
  error => {
    report(1);
    console.error(error.message ?? error);
    process.exit(1);
  },
);
