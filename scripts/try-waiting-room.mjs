// Tries the waiting room as people would, on a running local stack (./astraphe start):
// three shoppers in three browsers enter a live sale with N=1, watch their places move, are admitted
// in order and land on the product page; a fourth who copies an admitted shopper's admission cookie
// is sent back to the waiting room. The product page after admission is shot to OUT (docs/screenshots); the waiting
// room's shot, with a crowd ahead, comes from screenshots.mjs (ROOM_PRODUCT).
//   npm i --no-save playwright-core && node scripts/try-waiting-room.mjs [productId]
// Korean text needs a CJK font (Debian: apt-get install fonts-noto-cjk); without one Chromium draws boxes.
import { chromium } from 'playwright-core';

const store = process.env.STOREFRONT ?? 'http://localhost:8080';
const queue = process.env.QUEUE ?? 'http://localhost:8081/queue';
const out = process.env.OUT ?? 'docs/screenshots';
const product = process.argv[2] ?? '7';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shopper(email, password) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto(`${store}/login`);
  await page.fill('input[name=username]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  return { email, context, page };
}

const people = [];
for (const n of [1, 2, 3]) people.push(await shopper(`shopper${n}@astraphe.local`, 'astraphe-shopper-1'));

// all three enter within the same tick: the first may be admitted at once, the others queue
for (const p of people) await p.page.goto(`${queue}/p/${product}`);
await new Promise(r => setTimeout(r, 1500));
for (const p of people) {
  console.log(`${p.email}: ${p.page.url()}  ${(await p.page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 140)}`);
}

// wait until each has landed on the product page, recording the order
const admittedOrder = [];
const deadline = Date.now() + 90_000;
while (admittedOrder.length < people.length && Date.now() < deadline) {
  for (const p of people) {
    if (!admittedOrder.includes(p.email) && p.page.url().startsWith(`${store}/products/${product}`)) {
      admittedOrder.push(p.email);
      console.log(`admitted: ${p.email} at ${new Date().toISOString()}`);
      if (admittedOrder.length === 1) await p.page.screenshot({ path: `${out}/product-admitted.png`, fullPage: true });
    }
  }
  await new Promise(r => setTimeout(r, 500));
}
console.log(`admission order: ${admittedOrder.join(', ')}`);

// the fourth: a new shopper who copies shopper1's admission cookie
const fourth = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'ko-KR' });
const page4 = await fourth.newPage();
const email4 = `copycat${Date.now()}@astraphe.local`;
await page4.goto(`${store}/signup`);
await page4.fill('input[name=email]', email4);
await page4.fill('input[name=password]', 'copycat-password-1');
await page4.fill('input[name=passwordConfirmation]', 'copycat-password-1');
await page4.fill('input[name=displayName]', '따라쟁이');
await page4.check('input[name=terms]');
await Promise.all([page4.waitForNavigation(), page4.click('form button[type=submit]')]);
const copy = (await people[0].context.cookies()).filter(c => c.name === `ASTRAPHE_ADM_${product}`);
const me = await shopper(email4, 'copycat-password-1');
await me.context.addCookies(copy);
await me.page.goto(`${store}/products/${product}`);
console.log(`copied cookie (${copy.length}) → ${me.page.url()}`);
await browser.close();
