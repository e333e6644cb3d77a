/**
 * `npm run bench:ui` — renderer responsiveness during a bulk send (a benchmark, not a test).
 *
 * Drives the real renderer in Debian's Chromium through a fresh headless host against the local
 * cluster: while the load runner sends 20,000 messages (every send recorded in History), it
 * watches the Live view, then the History view (scrolling through the growing table and
 * refreshing it). Reports, per phase, frame times from the browser's own timeline
 * (requestAnimationFrame timestamps), long tasks and long animation frames (PerformanceObserver),
 * and the renderer's JS heap (after a forced GC) before and after. Goal: p95 frame time < 16 ms.
 *
 * Env: BENCH_COUNT (default 20000), BENCH_CONCURRENCY (16), CHROMIUM_PATH (/usr/bin/chromium).
 * Writes out/bench/ui.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { E2E_TOPIC } from './global-setup.js';
import globalSetup from './global-setup.js';
import { AppPage } from './pages/app.page.js';
import { ComposerPage } from './pages/composer.page.js';
import { startHost } from './support/host.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const root = resolve(import.meta.dirname, '../..');

interface PhaseStats {
  phase: string;
  seconds: number;
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over16: number;
  longTasks: number;
  longTaskMs: number;
  longAnimationFrames: number;
  maxLongAnimationFrameMs: number;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Starts recording in the page: rAF frame deltas, long tasks, long animation frames. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; longTasks: number[]; loaf: number[]; stop: boolean; start: number } };
    w.__bench = { frames: [], longTasks: [], loaf: [], stop: false, start: performance.now() };
    let last = 0;
    const loop = (t: number): void => {
      if (w.__bench.stop) return;
      if (last) w.__bench.frames.push(t - last);
      last = t;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    try {
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__bench.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    } catch {
      /* not supported */
    }
    try {
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__bench.loaf.push(e.duration))).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      /* not supported */
    }
  });
}

async function stopRecording(page: Page, phase: string): Promise<PhaseStats> {
  const r = await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; longTasks: number[]; loaf: number[]; stop: boolean; start: number } };
    w.__bench.stop = true;
    return { frames: w.__bench.frames, longTasks: w.__bench.longTasks, loaf: w.__bench.loaf, seconds: (performance.now() - w.__bench.start) / 1000 };
  });
  const f = [...r.frames].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    phase,
    seconds: round(r.seconds),
    frames: f.length,
    p50: round(pct(f, 50)),
    p95: round(pct(f, 95)),
    p99: round(pct(f, 99)),
    max: round(f[f.length - 1] ?? 0),
    over16: f.filter((x) => x > 16.7).length,
    longTasks: r.longTasks.length,
    longTaskMs: round(r.longTasks.reduce((a, b) => a + b, 0)),
    longAnimationFrames: r.loaf.length,
    maxLongAnimationFrameMs: round(Math.max(0, ...r.loaf)),
  };
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return Math.round((usedSize / 1024 / 1024) * 10) / 10;
}

async function phase(page: Page): Promise<string> {
  return (await page.getByTestId('bulk-phase').getAttribute('data-phase').catch(() => null)) ?? 'unknown';
}

async function main(): Promise<void> {
  await globalSetup();
  const host = await startHost();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page, host.url);
    await app.open();
    await app.createProfile('bench', '127.0.0.1:9876');
    await app.go('composer');
    const c = new ComposerPage(page);
    await c.fill({ topic: E2E_TOPIC, tags: 'Bench', keys: 'bench-{{seq}}', body: '{"seq":{{seq}},"at":{{now}},"payload":"0123456789abcdef0123456789abcdef"}', format: 'json' });
    await app.go('live');
    const heapBefore = await heapMB(page);

    await app.go('runner');
    await page.getByTestId('bulk-by-count').click();
    await page.getByTestId('bulk-count').fill(String(COUNT));
    await page.getByTestId('bulk-rate').fill('0');
    await page.getByTestId('bulk-concurrency').fill(String(CONCURRENCY));
    await page.getByTestId('bulk-record').selectOption('all');
    const t0 = Date.now();
    await page.getByTestId('bulk-start').click();

    // Phase 1: the Live view while the run is going.
    await app.go('live');
    await startRecording(page);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="live-sends"]')?.textContent?.replace(/,/g, '')) >= n, Math.floor(COUNT / 2), { timeout: 600_000, polling: 500 });
    const live = await stopRecording(page, 'live (during bulk send)');

    // Phase 2: History while rows keep arriving: refresh, then scroll through the table.
    await app.go('history');
    await page.getByTestId('history-row').first().waitFor();
    await startRecording(page);
    const scroller = page.getByTestId('history-rows');
    for (let i = 0; i < 40; i++) {
      await scroller.evaluate((el) => {
        el.scrollTop += 2400;
      });
      await page.waitForTimeout(100);
      if (i % 10 === 9) await page.getByTestId('history-refresh').click();
    }
    const history = await stopRecording(page, 'history (scroll + refresh during bulk send)');

    await app.go('runner');
    await page.waitForFunction(() => document.querySelector('[data-testid="bulk-phase"]')?.getAttribute('data-phase') !== 'running', undefined, { timeout: 900_000, polling: 500 });
    const elapsed = (Date.now() - t0) / 1000;
    const runPhase = await phase(page);
    const sent = await page.getByTestId('summary-sent').textContent();

    // Phase 3: History over the whole run's rows, scrolled end to end.
    await app.go('history');
    await page.getByTestId('history-refresh').click();
    await page.getByTestId('history-row').first().waitFor();
    await startRecording(page);
    for (let i = 0; i < 60; i++) {
      await scroller.evaluate((el) => {
        el.scrollTop += 4000;
      });
      await page.waitForTimeout(80);
    }
    const historyAfter = await stopRecording(page, 'history (scroll after the run)');
    const rows = await page.getByTestId('history-count').textContent();
    const heapAfter = await heapMB(page);

    const report = { count: COUNT, concurrency: CONCURRENCY, runPhase, sent, elapsedSec: Math.round(elapsed * 10) / 10, historyRowsLoaded: rows, heapBeforeMB: heapBefore, heapAfterMB: heapAfter, phases: [live, history, historyAfter], goal: 'p95 frame time < 16 ms' };
    mkdirSync(resolve(root, 'out/bench'), { recursive: true });
    writeFileSync(resolve(root, 'out/bench/ui.json'), JSON.stringify(report, null, 2));
    console.log(`\nbench:ui — ${COUNT} messages (${runPhase}, sent ${sent}) in ${report.elapsedSec} s, concurrency ${CONCURRENCY}`);
    console.table([live, history, historyAfter]);
    console.log(`renderer JS heap: ${heapBefore} MB before → ${heapAfter} MB after (after GC); History rows loaded: ${rows}`);
    for (const p of [live, history, historyAfter]) console.log(`${p.phase}: p95 ${p.p95} ms ${p.p95 < 16 ? '(meets < 16 ms)' : '(misses the 16 ms goal)'}`);
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
