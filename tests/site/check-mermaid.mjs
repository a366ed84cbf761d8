// check-mermaid.mjs - the site's Mermaid diagrams in a real browser:
// playwright-core drives Debian's chromium (headless) over a built site
// (file://). Prints one "ok"/"FAIL" line per check and exits 1 when any
// failed. Used by tests/cli/t0944-site-mermaid-browser.sh.
//
//   node check-mermaid.mjs --base URL --page PATH --labels A,B,C --shots DIR
//
// The page is loaded with alert, confirm and prompt trapped and dialogs,
// console errors, page errors and CSP violations recorded; every diagram
// <img> must have decoded (naturalWidth > 0). Then each diagram's SVG is
// opened as a document of its own (where script in an SVG would run, and
// no CSP applies from file://), every element in it is clicked, hovered and
// focused, and it must hold the labels, no script, foreignObject or link,
// and nothing may have run. No request may leave the site.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const base = args.base.endsWith('/') ? args.base : args.base + '/';
const labels = (args.labels || '').split(',').filter(Boolean);
mkdirSync(args.shots, { recursive: true });

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

async function open(url, name) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${name}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on('dialog', async (d) => { dialogs.push(`${name}: ${d.type()} ${d.message()}`); await d.dismiss(); });
  await page.addInitScript(() => {
    window.__xss = [];
    for (const f of ['alert', 'confirm', 'prompt']) window[f] = (m) => { window.__xss.push(String(m)); };
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__xss.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

const page = await open(base + args.page, args.page);
const imgs = await page.evaluate(() => [...document.querySelectorAll('figure.mermaid img')].map((i) => ({
  src: i.src, w: i.naturalWidth, h: i.naturalHeight, alt: i.alt,
})));
ok(imgs.length > 0, `${args.page}: has Mermaid diagrams as <img>`, JSON.stringify(imgs));
for (const i of imgs) ok(i.w > 0 && i.h > 0, `${i.src.split('/').pop()}: decodes as an image (${i.w}x${i.h})`);
await page.screenshot({ path: `${args.shots}/${args.page.replace(/\W+/g, '-')}.png`, fullPage: true });
// every element of the page clicked and hovered too
await page.evaluate(() => {
  for (const e of document.querySelectorAll('figure.mermaid, figure.mermaid *')) {
    for (const t of ['click', 'mouseover', 'mouseenter', 'focus']) e.dispatchEvent(new Event(t, { bubbles: true }));
  }
});
ok((await page.evaluate(() => window.__xss)).length === 0, `${args.page}: no script ran`,
  JSON.stringify(await page.evaluate(() => window.__xss)));

const seen = new Set();
for (const i of imgs) {
  if (seen.has(i.src)) continue;
  seen.add(i.src);
  const name = i.src.split('/').pop();
  const p = await open(i.src, name);
  const info = await p.evaluate(() => ({
    root: document.documentElement.localName,
    text: document.documentElement.textContent,
    scripts: document.getElementsByTagName('script').length,
    fo: document.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'foreignObject').length,
    links: document.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'a').length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
    hrefs: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /href$/i.test(a.name) && !a.value.startsWith('#')).map((a) => a.value)),
  }));
  ok(info.root === 'svg', `${name}: opens as an SVG document`);
  ok(info.scripts === 0 && info.fo === 0 && info.links === 0 && info.handlers.length === 0 && info.hrefs.length === 0,
    `${name}: no script, foreignObject, link, handler or outside href`, JSON.stringify(info));
  await p.evaluate(() => {
    for (const e of document.querySelectorAll('*')) {
      for (const t of ['click', 'mouseover', 'mouseenter', 'mousedown', 'focus', 'load']) e.dispatchEvent(new Event(t, { bubbles: true }));
    }
  });
  const box = await p.evaluate(() => { const r = document.documentElement.getBoundingClientRect(); return [r.width, r.height]; });
  for (let x = 5; x < Math.min(box[0], 1200); x += 40) await p.mouse.click(x, Math.min(box[1] / 2, 400));
  ok((await p.evaluate(() => window.__xss)).length === 0, `${name}: nothing ran when clicked and hovered`,
    JSON.stringify(await p.evaluate(() => window.__xss)));
  p.__text = info.text;
  await p.screenshot({ path: `${args.shots}/${name}.png` });
}
const texts = await Promise.all(context.pages().map((p) => p.__text || ''));
for (const l of labels) ok(texts.some((t) => t.includes(l)), `a diagram shows the label "${l}"`);

const outside = requests.filter((u) => !u.startsWith(base));
ok(outside.length === 0, 'no request left the site', outside.slice(0, 5).join(' '));
ok(dialogs.length === 0, 'no dialog opened', dialogs.join('; '));
ok(problems.length === 0, 'no console or page error', problems.slice(0, 5).join('; '));
await browser.close();
process.exit(failed ? 1 : 0);
