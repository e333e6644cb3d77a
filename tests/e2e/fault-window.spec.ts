/**
 * broker-a of a dedicated cluster (profile 'e2e', never the main one) is killed during a load run:
 * the Live view shows retries and broker-a isolated with a countdown; after a restart it returns.
 */
import { killNode, restartNode, startCluster } from '../cluster/cluster.js';
import { E2E_NAMESRV, expect, test, uniqueTopic } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { LivePage } from './pages/live.page.js';
import { RunnerPage } from './pages/runner.page.js';
import { TopicsPage } from './pages/topics.page.js';

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await startCluster('e2e');
});

test('killing broker-a during a load run shows retries and the fault window; after restart it returns', async ({ app, page }) => {
  await app.createProfile('faulty', E2E_NAMESRV, { retries: 2, timeoutMs: 3000 });
  const topic = uniqueTopic('E2EFault');
  await app.go('topics');
  await new TopicsPage(page).create(topic, 4);

  await app.go('composer');
  const c = new ComposerPage(page);
  await c.fill({ topic, keys: 'load-{{seq}}', body: 'load {{seq}}' });

  await app.go('runner');
  const runner = new RunnerPage(page);
  await runner.startDuration(120, 40, 4);

  await app.go('live');
  const live = new LivePage(page);
  await expect(page.getByTestId('live-sends')).not.toHaveText('0');
  try {
    await killNode('e2e', 'broker-a');
    await expect(live.faultRow('broker-a')).toHaveAttribute('data-isolated', 'true', { timeout: 30_000 });
    await expect(live.faultRow('broker-a').getByTestId('fault-countdown')).toHaveText(/\d+\.\d s/);
    await expect.poll(async () => Number(await live.retries().getAttribute('data-retries')), { timeout: 30_000 }).toBeGreaterThan(0);
    await app.screenshot('live-fault-window');
  } finally {
    await restartNode('e2e', 'broker-a');
  }
  // Once the window has passed and broker-a answers again, it is chosen again and shown available.
  await expect(live.faultRow('broker-a')).toHaveAttribute('data-isolated', 'false', { timeout: 60_000 });
  await expect(live.faultRow('broker-a').getByTestId('fault-state')).toHaveText('available');

  await app.go('runner');
  await runner.cancel();
  await expect(page.getByTestId('run-summary')).toBeVisible();
});
