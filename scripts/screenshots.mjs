// Takes the README's screenshots of a running local stack (./astraphe start), with Debian's or any
// installed Chromium driven by playwright-core (no browser download):
//   npm i --no-save playwright-core && node scripts/screenshots.mjs
// Env: CHROMIUM (default /usr/bin/chromium), STOREFRONT, QUEUE, CONSOLE base URLs, OUT (docs/screenshots).
// Korean text needs a CJK font (Debian: apt-get install fonts-noto-cjk); without one Chromium draws boxes.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const store = process.env.STOREFRONT ?? 'http://localhost:8080';
const queue = process.env.QUEUE ?? 'http://localhost:8081/queue';
const consoleUrl = process.env.CONSOLE ?? 'http://localhost:8082/console';
const out = process.env.OUT ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png  ${page.url()}`);
}

async function login(page, url, email, password) {
  await page.goto(url);
  await page.fill('input[name=username]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
}

const shopper = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR' });
let page = await shopper.newPage();
for (const [name, path] of (process.env.PAGES_PUBLIC ?? 'storefront-home:/,storefront-login:/login,storefront-signup:/signup')
    .split(',').map(s => s.split(':'))) {
  await page.goto(store + path);
  await shoot(page, name);
}
await login(page, `${store}/login`, 'shopper1@astraphe.local', 'astraphe-shopper-1');
await page.goto(`${store}/account`); await shoot(page, 'storefront-account');
await page.goto(`${queue}/`); await shoot(page, 'queue-landing');
// The waiting room with a line ahead: ROOM_PRODUCT names a live sale a crowd is already waiting for (say
// `node scripts/crowd.mjs 2 60 1`, product 2 admitting 1 shopper every 10 s); shopper1 joins at its back, watches the
// line move for ROOM_WAIT seconds (default 60) and is shot. Without it the waiting room's shot comes from
// try-waiting-room.mjs.
if (process.env.ROOM_PRODUCT) {
  await page.goto(`${queue}/p/${process.env.ROOM_PRODUCT}`);
  const waiting = await page.waitForSelector('#room-status progress', { timeout: 15_000 }).then(() => true, () => false);
  if (waiting) await page.waitForTimeout(Number(process.env.ROOM_WAIT ?? 60) * 1000);
  // admitted at once, or before the wait was over (the line was shorter than it looked): no waiting room to show
  if (waiting && page.url().startsWith(queue)) await shoot(page, 'queue-waiting');
  else console.log(`queue-waiting not taken: shopper1 is at ${page.url()}, not waiting (a longer crowd, or another product)`);
}

const seller = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR' });
page = await seller.newPage();
await page.goto(`${consoleUrl}/login`); await shoot(page, 'console-login');
await login(page, `${consoleUrl}/login`, 'seller1@astraphe.local', 'astraphe-seller-1');
await page.goto(`${consoleUrl}/`); await shoot(page, 'console-seller-home');

const admin = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR' });
page = await admin.newPage();
await login(page, `${consoleUrl}/login`, 'admin@astraphe.local', 'astraphe-admin-1');
for (const [name, path] of [['admin-dashboard', '/admin'], ['admin-users', '/admin/users'],
                            ['admin-companies', '/admin/companies'], ['admin-queues', '/admin/queues'],
                            ['admin-audit', '/admin/audit'],
                            // one waiting room's page: the product a crowd went into (node scripts/crowd.mjs)
                            ['admin-queue', `/admin/queues/${process.env.CROWD_PRODUCT ?? 9}`]]) {
  await page.goto(consoleUrl + path);
  await shoot(page, name);
}
await browser.close();
