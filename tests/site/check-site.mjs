// check-site.mjs - archgate's site in a real browser: playwright-core drives
// Debian's chromium (headless) over a built site (file://) or `archgate
// serve` (http://127.0.0.1). Prints one "ok"/"FAIL" line per check and exits
// 1 when any failed. Used by tests/cli/t0920-site-browser.sh.
//
//   node check-site.mjs --base URL --shots DIR [--search WORD --expect TEXT]
//        [--hostile] [--live FILE:FROM:TO] [--record PATH]
//
// Every page type is loaded with console errors, page errors, CSP violations
// and dialogs (alert, confirm, prompt) recorded: any of them fails. axe-core
// checks every page type for serious or critical WCAG 2 A/AA violations.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
if (process.argv.includes('--hostile')) args.hostile = true;
const base = args.base.endsWith('/') ? args.base : args.base + '/';
const shots = args.shots;
mkdirSync(shots, { recursive: true });

let failed = 0;
const ok = (cond, what, detail) => {
  if (cond) console.log(`ok - ${what}`);
  else {
    failed++;
    console.log(`FAIL - ${what}${detail ? ': ' + detail : ''}`);
  }
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const problems = [];
const dialogs = [];
const requests = [];
context.on('request', (r) => requests.push(r.url()));

async function open(path) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${path}: console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${path}: page error: ${e.message}`));
  page.on('dialog', async (d) => { dialogs.push(`${path}: ${d.type()} ${d.message()}`); await d.dismiss(); });
  await page.addInitScript(() => {
    window.__xss = [];
    for (const f of ['alert', 'confirm', 'prompt']) window[f] = (m) => { window.__xss.push(String(m)); };
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__xss.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  await page.goto(base + path, { waitUntil: 'load' });
  return page;
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { preload: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, t: v.nodes[0] && v.nodes[0].target.join(' ') }));
  });
  const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  ok(bad.length === 0, `axe: no serious or critical violation on ${name}`, JSON.stringify(bad));
}

const record = args.record || 'decisions/index.html';
const pageTypes = [
  ['board', 'index.html'], ['decisions', 'decisions/index.html'], ['record', record],
  ['rfcs', 'rfcs/index.html'], ['radar', 'radar.html'], ['diagrams', 'diagrams.html'],
  ['slos', 'slos.html'], ['system', 'system.html'], ['findings', 'findings.html'],
];
for (const [name, path] of pageTypes) {
  const page = await open(path);
  ok((await page.title()).length > 0 && (await page.locator('h1').count()) === 1, `${name}: loads with a title and one h1`);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: name !== 'decisions' });
  await axe(page, name);
  const xss = await page.evaluate(() => window.__xss);
  ok(xss.length === 0, `${name}: no script of the page's text ran and no CSP violation`, xss.join('; '));
  await page.close();
}

// search
{
  const page = await open('index.html');
  await page.fill('#q', args.search || 'outbox');
  await page.waitForSelector('#results li a', { timeout: 10000 }).catch(() => {});
  const hits = await page.locator('#results li a').allTextContents();
  ok(hits.length > 0, `search '${args.search || 'outbox'}' finds something`, `${hits.length} hits`);
  if (args.expect) ok(hits.some((h) => h.includes(args.expect)), `search finds '${args.expect}'`, hits.slice(0, 5).join(' | '));
  if (hits.length) {
    await Promise.all([page.waitForEvent('load'), page.locator('#results li a').first().click()]);
    ok(/\.html(#.*)?$/.test(page.url()) && (await page.locator('h1').count()) === 1, 'a search result opens its page', page.url());
  }
  await page.fill('#q', 'zzzznothing');
  await page.waitForFunction(() => /^0 results/.test(document.getElementById('results').textContent));
  ok(true, 'a search with no match says 0 results');
  await page.close();
}

// filters
{
  const page = await open('decisions/index.html');
  const visible = async () => page.locator('#records tbody tr:visible').count();
  const all = await page.locator('#records tbody tr').count();
  ok(await page.locator('.filters').isVisible(), 'the filters show (JavaScript is on)');
  const statuses = await page.locator('#f-status option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  let sum = 0;
  for (const s of statuses) {
    await page.selectOption('#f-status', s);
    const n = await visible();
    const want = await page.locator(`#records tbody tr[data-status="${s}"]`).count();
    ok(n === want && n > 0, `filter by status ${s}: ${n} of ${all} rows`, `want ${want}`);
    sum += n;
    ok((await page.textContent('#f-count')) === `${n} of ${all} records shown`, `the count says ${n} of ${all}`);
  }
  ok(sum === all, 'the statuses cover every record');
  await page.selectOption('#f-status', '');
  ok((await visible()) === all, 'any status shows every record again');
  await page.close();
}

// the radar: blips link to their entries
{
  const page = await open('radar.html');
  const blips = page.locator('svg a');
  const n = await blips.count();
  if (n) {
    const href = await blips.nth(0).getAttribute('href');
    await blips.nth(0).click();
    const target = await page.evaluate(() => location.hash);
    ok(target === href && (await page.locator(target).count()) === 1, `a blip (of ${n}) leads to its entry ${href}`);
  } else {
    ok(!args.expectRadar, 'the radar has blips');
  }
  await page.close();
}

// the hostile corpus: render its titles through the search too
if (args.hostile) {
  const page = await open('index.html');
  await page.fill('#q', 'script');
  await page.waitForSelector('#results li a', { timeout: 10000 }).catch(() => {});
  const hits = await page.locator('#results li a').allTextContents();
  ok(hits.some((h) => h.includes('<script>')), 'hostile titles show as text in search results', hits.join(' | '));
  const xss = await page.evaluate(() => window.__xss);
  ok(xss.length === 0, 'no hostile script ran from the search results', xss.join('; '));
  await page.close();
}

// live reload (archgate serve only)
if (args.live) {
  const [file, from, to] = args.live.split(':');
  const page = await open(record);
  await page.waitForTimeout(300); // the event stream connects
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  const text = to.replace(/^#+\s*/, ''); // as the page shows it
  const seen = await page.waitForFunction((t) => document.body.textContent.includes(t), text, { timeout: 20000 })
    .then(() => true, () => false);
  ok(seen, `the open page reloads itself after an edit ('${text}' appears)`);
  await page.screenshot({ path: `${shots}/record-reloaded.png` });
  await page.close();
}

const outside = requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'));
ok(outside.length === 0, 'no request left the site', outside.slice(0, 5).join(' '));
ok(dialogs.length === 0, 'no dialog opened', dialogs.join('; '));
const real = problems.filter((p) => !/favicon\.ico/.test(p));
ok(real.length === 0, 'no console error or warning, no page error', real.join(' | '));
await browser.close();
console.log(`${failed ? 'FAIL' : 'ok'} - ${failed} failed`);
process.exit(failed ? 1 : 0);
