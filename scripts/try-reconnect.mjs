// Tries the waiting room through a queue-edge restart, on a running local stack (./astraphe start), Linux only:
// a shopper waits in a paused line; queue-edge is killed and, after a pause, started again with the same command
// line and environment; the tab says it is reconnecting, recovers by itself once queue-edge answers, and is admitted
// when the line resumes. A screenshot of the reconnecting tab goes to OUT (docs/screenshots).
//   npm i --no-save playwright-core && node scripts/try-reconnect.mjs [productId of a live sale, default 9]
// The shoppers must not hold an admission for that product yet (one lasts 10 minutes): pass another live product.
// The queue-edge it starts again is not the stack's child: ./astraphe stop leaves it (the script ends by saying its pid).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';

const store = process.env.STOREFRONT ?? 'http://localhost:8080';
const queue = process.env.QUEUE ?? 'http://localhost:8081/queue';
const redisPort = Number(process.env.REDIS_PORT ?? 16379);
const out = process.env.OUT ?? 'docs/screenshots';
const product = process.argv[2] ?? '9';
const outageSeconds = Number(process.env.OUTAGE_SECONDS ?? 12);
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** One Redis command (the queue's control hash is what the admin page writes). */
function redis(...args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(redisPort, '127.0.0.1');
    socket.once('data', data => { socket.end(); resolve(data.toString().trim()); });
    socket.once('error', reject);
    socket.write(`*${args.length}\r\n` + args.map(a => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join(''));
  });
}

/** queue-edge's process: its pid, arguments, environment, working directory and log file, read from /proc. */
function queueEdge() {
  for (const pid of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    let args;
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean); } catch { continue; }
    if (args.some(a => a.endsWith('queue-edge.jar'))) {
      const env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)
        .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
      return { pid: Number(pid), args, env, cwd: readlinkSync(`/proc/${pid}/cwd`), log: readlinkSync(`/proc/${pid}/fd/1`) };
    }
  }
  throw new Error('queue-edge is not running: start the stack with ./astraphe start');
}

async function until(what, test, seconds) {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise(r => setTimeout(r, 250))) {
    if (await test()) return;
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

/** The queue-edge this script started: not the stack's child, so ./astraphe stop leaves it running. */
let restartedPid;

/** Kills queue-edge, waits, starts it again as it was started (its log appended to the same file). */
async function restartQueueEdge() {
  const qe = queueEdge();
  process.kill(qe.pid, 'SIGTERM');
  await until('queue-edge stopped', () => { try { process.kill(qe.pid, 0); return false; } catch { return true; } }, 30);
  console.log(`${at()}  queue-edge stopped; starting it again in ${outageSeconds} s`);
  await new Promise(r => setTimeout(r, outageSeconds * 1000));
  const log = openSync(qe.log.startsWith('/') ? qe.log : '/dev/null', 'a');
  const restarted = spawn(qe.args[0], qe.args.slice(1), { cwd: qe.cwd, env: qe.env, detached: true, stdio: ['ignore', log, log] });
  restarted.unref();
  restartedPid = restarted.pid;
  await until('queue-edge answering', async () => (await fetch(`${queue}/ping`).catch(() => null))?.ok, 120);
  console.log(`${at()}  queue-edge answers again`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
async function shopper(email) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto(`${store}/login`);
  await page.fill('input[name=username]', email);
  await page.fill('input[name=password]', 'astraphe-shopper-1');
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  return page;
}

const control = `astraphe:q:{${product}}:control`;
try {
  // someone takes this tick's admission, then the line is paused: the next shopper waits
  const first = await shopper('shopper1@astraphe.local');
  await first.goto(`${queue}/p/${product}`);
  await redis('HSET', control, 'state', 'PAUSED');
  const page = await shopper('shopper2@astraphe.local');
  const polls = [];
  page.on('requestfinished', r => { if (r.url().includes('/poll')) polls.push(`${at()} ok`); });
  page.on('requestfailed', r => { if (r.url().includes('/poll')) polls.push(`${at()} ${r.failure().errorText}`); });
  await page.goto(`${queue}/p/${product}`);
  await page.locator('#room-status .ahead').waitFor({ timeout: 15000 });
  console.log(`${at()}  shopper2 waits: ${(await page.locator('#room-status').innerText()).replace(/\s+/g, ' ')}`);

  const restart = restartQueueEdge();
  await page.locator('#room-status .retrying').waitFor({ timeout: 30000 });
  console.log(`${at()}  the tab says: ${await page.locator('#room-status .retrying').innerText()}`);
  await page.screenshot({ path: `${out}/queue-reconnecting.png`, fullPage: true });
  await restart;

  await page.locator('#room-status .retrying').waitFor({ state: 'detached', timeout: 60000 });
  console.log(`${at()}  recovered by itself: ${(await page.locator('#room-status').innerText()).replace(/\s+/g, ' ')}`);
  await redis('HSET', control, 'state', 'RUNNING');
  await page.waitForURL(`${store}/products/${product}`, { timeout: 60000 });
  console.log(`${at()}  admitted: ${page.url()}`);
  console.log(`polls: ${polls.join(' · ')}`);
} finally {
  await redis('HSET', control, 'state', 'RUNNING').catch(() => {});
  await browser.close();
  if (restartedPid) {
    console.log(`queue-edge now runs as pid ${restartedPid}, outside the stack: after ./astraphe stop, stop it with kill ${restartedPid}`);
  }
}
