// A crowd for the local stack (./astraphe start): signs up [shoppers] new shoppers on the storefront, and sends them
// into one product's waiting room as browsers would (the same requests htmx makes: the join, then each poll after the
// interval the server chose), two thirds in the first minute, the rest over the next ones. A fifth close their tab
// before their turn and are dropped after the grace period; the others stop waiting two minutes after the
// arrivals end. The admins' board and each queue's own page
// (/console/admin/queues/{id}) then have figures and charts to show. Node 18.14+ (Headers.getSetCookie), no packages.
//   node scripts/crowd.mjs [productId] [shoppers] [minutes]      (defaults: 9, 300, 8)
// Product 9 of the demo data ("비타민C 브라이트닝 세럼 30ml", 60 units, 5 admitted every 5 s) is live from the start.
const store = process.env.STOREFRONT ?? 'http://localhost:8080';
const queue = process.env.QUEUE ?? 'http://localhost:8081/queue';
const product = process.argv[2] ?? '9';
const count = Number(process.argv[3] ?? 300);
const minutes = Number(process.argv[4] ?? 8);
const leaving = 0.2; // the share who close their tab while waiting
const run = Date.now().toString(36);
const origin = new URL(queue).origin;

/** One shopper's cookies: a browser sends localhost's cookies to every port. */
class Browser {
  cookies = new Map();

  async fetch(url, options = {}) {
    const headers = { ...(options.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const response = await fetch(url, { ...options, headers, redirect: 'manual' });
    for (const set of response.headers.getSetCookie()) {
      const [pair, ...attributes] = set.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const expired = attributes.some(a => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name); else this.cookies.set(name, pair.slice(at + 1).trim());
    }
    return response;
  }

  async form(url, fields) {
    const page = await (await this.fetch(url)).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!csrf) throw new Error(`no CSRF token on ${url}`);
    return this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    });
  }
}

const figures = { signedUp: 0, placed: 0, admitted: 0, left: 0, stillWaiting: 0, closed: 0, failed: 0 };
let closesAt = Infinity; // when every tab still waiting closes: the end of the run
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const text = html => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);

async function shopper(n) {
  const browser = new Browser();
  const email = `crowd-${run}-${n}@astraphe.local`;
  const password = `crowd-${run}-password`;
  const signedUp = await browser.form(`${store}/signup`, {
    email, password, passwordConfirmation: password, displayName: `대기 ${n}`, phone: '', terms: 'true',
  });
  if (signedUp.status !== 302) throw new Error(`sign-up answered ${signedUp.status}`);
  const loggedIn = await browser.form(`${store}/login`, { username: email, password });
  if (!(loggedIn.headers.get('location') ?? '').endsWith('/')) throw new Error('login refused');
  figures.signedUp++;
  return browser;
}

/** Into the room and waiting, as room.html's htmx does, until admitted (or gone, for a leaver). */
async function wait(browser, leaves) {
  const room = await (await browser.fetch(`${queue}/p/${product}`)).text();
  const header = room.match(/name="_csrf_header" content="([^"]+)"/)?.[1] ?? 'X-XSRF-TOKEN';
  const joined = await browser.fetch(`${queue}/p/${product}/join`, {
    method: 'POST', headers: { 'HX-Request': 'true', [header]: browser.cookies.get('QUEUE-XSRF-TOKEN') ?? '' },
  });
  let fragment = await joined.text();
  if (joined.status !== 200) throw new Error(`join answered ${joined.status}`);
  const leaveAt = leaves ? Date.now() + 20_000 + Math.random() * 120_000 : Infinity;
  for (let first = true; ; first = false) {
    if (fragment.includes('room-admitted')) {
      figures.admitted++;
      return;
    }
    const poll = fragment.match(/hx-get="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    const seconds = Number(fragment.match(/data-poll-seconds="(\d+)"/)?.[1] ?? 5);
    if (!poll) {
      // sold out, ended, stopped: nothing to wait for. Said once
      if (figures.closed++ === 0) console.log(`the room says: ${text(fragment)}`);
      return;
    }
    if (first) figures.placed++;
    await sleep(seconds * 1000);
    if (Date.now() > closesAt) {
      figures.stillWaiting++;
      return;
    }
    if (Date.now() > leaveAt) {
      figures.left++;
      return; // the tab closed: no more polls, dropped after the grace period
    }
    const answer = await browser.fetch(origin + poll, { headers: { 'HX-Request': 'true' } });
    if (answer.headers.get('hx-redirect')) {
      figures.admitted++;
      return;
    }
    fragment = await answer.text();
  }
}

console.log(`signing up ${count} shoppers (crowd-${run}-N@astraphe.local) …`);
const browsers = [];
for (let n = 1; n <= count; n += 10) {
  const batch = [];
  for (let i = n; i < Math.min(n + 10, count + 1); i++) batch.push(shopper(i).catch(e => { figures.failed++; console.error(`shopper ${i}: ${e.message}`); }));
  browsers.push(...(await Promise.all(batch)).filter(Boolean));
}
console.log(`${browsers.length} signed up; sending them into ${queue}/p/${product} over ${minutes} minutes`);
const started = Date.now();
closesAt = started + (minutes + 2) * 60_000;
const report = setInterval(() => console.log(`${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(figures)}`), 15_000);
await Promise.all(browsers.map(async (browser, i) => {
  // two thirds at the opening minute, the rest spread over the others
  const delay = i < browsers.length * 2 / 3 ? Math.random() * 60_000 : 60_000 + Math.random() * (minutes - 1) * 60_000;
  await sleep(delay);
  await wait(browser, Math.random() < leaving).catch(e => { figures.failed++; console.error(`waiting: ${e.message}`); });
}));
clearInterval(report);
console.log(`done: ${JSON.stringify(figures)}`);
