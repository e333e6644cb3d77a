/**
 * Runner and Brokers (issue 14): a live chart and the running p99 while a run goes, humanised
 * durations, "failed 0" not red, the form kept across views; the broker table fits its panel at
 * 1440 px and shows uptime as "12 min 10 s", not RocketMQ's bracketed text.
 */
import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';

test('a run shows a live chart and the running p99 while it goes, and the form survives leaving the view', async ({ app, page }) => {
  // A long run that the test cancels: on a loaded 2-core machine the checks below may take a while, all mid-run.
  test.setTimeout(180_000);
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic: E2E_TOPIC, body: 'load {{seq}}' });

  await app.go('runner');
  await page.getByTestId('bulk-by-duration').click();
  await page.getByTestId('bulk-duration').fill('600');
  await page.getByTestId('bulk-rate').fill('150');
  await page.getByTestId('bulk-concurrency').fill('3');
  await page.getByTestId('bulk-record').selectOption('none');
  await page.getByTestId('bulk-start').click();
  const phase = page.getByTestId('bulk-phase');
  await expect(phase).toHaveAttribute('data-phase', 'running');

  // During the run: the chart gains points, and p99 is a figure (not only in the final summary).
  const chart = page.getByTestId('bulk-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(chart.locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('bulk-p99')).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(page.getByTestId('run-summary')).toHaveCount(0);
  await expect(phase).toHaveAttribute('data-phase', 'running'); // all of the above was seen mid-run
  await expect(page.getByTestId('bulk-elapsed')).toHaveText(/^(\d+(\.\d)? s|\d+ min( \d+ s)?) of 10 min$/);
  const failed = page.getByTestId('bulk-failed');
  await expect(failed).toHaveAttribute('data-failed', '0');
  await expect(failed).not.toHaveClass(/error-text/);

  // Leave and come back: the form and the running view are as they were.
  await app.go('composer');
  await app.go('runner');
  await expect(page.getByTestId('bulk-duration')).toHaveValue('600');
  await expect(page.getByTestId('bulk-rate')).toHaveValue('150');
  await expect(page.getByTestId('bulk-concurrency')).toHaveValue('3');
  await expect(page.getByTestId('bulk-record')).toHaveValue('none');
  await expect(phase).toHaveAttribute('data-phase', 'running');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(4);

  await page.getByTestId('bulk-cancel').click();
  await expect(phase).toHaveAttribute('data-phase', 'cancelled');
  await expect(page.getByTestId('summary-elapsed')).toHaveText(/^\d+(\.\d)? s$|^\d+ min( \d+ s)?$/);
  await expect(page.getByTestId('summary-elapsed')).not.toContainText('ms');
});

test('the broker table fits its panel at 1440 px, with humanised uptime and grouped numbers', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('brokers');
  const table = page.getByTestId('broker-table');
  await expect(page.getByTestId('broker-row')).toHaveCount(2);
  await expect(page.getByTestId('broker-uptime').first()).toHaveText(/^\d+ (s|min|h|d)( \d+ (s|min|h))?$/);
  await expect(page.getByTestId('broker-uptime').first()).toHaveAttribute('title', /^\[ \d+ days, \d+ hours, \d+ minutes, \d+ seconds \]$/);
  await expect(page.getByTestId('broker-put-today').first()).toHaveText(/^(\d{1,3}(,\d{3})*|—)$/);

  expect(page.viewportSize()?.width).toBe(1440);
  const sizes = await table.evaluate((t) => {
    const panel = t.parentElement!;
    const content = t.closest('.content') ?? document.scrollingElement!;
    return { panel: [panel.scrollWidth, panel.clientWidth] as const, content: [content.scrollWidth, content.clientWidth] as const };
  });
  expect(sizes.panel[0], `table panel scrollWidth ${sizes.panel[0]} > clientWidth ${sizes.panel[1]}`).toBeLessThanOrEqual(sizes.panel[1]);
  expect(sizes.content[0], `view scrollWidth ${sizes.content[0]} > clientWidth ${sizes.content[1]}`).toBeLessThanOrEqual(sizes.content[1]);
});
