import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test, uniqueTopic } from './fixtures.js';
import { ComposerPage } from './pages/composer.page.js';
import { TopicsPage } from './pages/topics.page.js';

test('the route view lists both brokers and their queues; a created topic shows up in the list', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('topics');
  const topics = new TopicsPage(page);
  const route = await topics.openRoute(E2E_TOPIC);
  await expect(route.locator('[data-testid="route-broker"][data-broker="broker-a"]')).toContainText('127.0.0.1:10911');
  await expect(route.locator('[data-testid="route-broker"][data-broker="broker-b"]')).toContainText('127.0.0.1:10921');
  await expect(route.locator('[data-testid="route-queue"][data-broker="broker-a"]')).toContainText('4');
  await expect(route.locator('[data-testid="route-queue"][data-broker="broker-b"]')).toBeVisible();
  await expect(page.getByTestId('offset-row')).toHaveCount(8);

  // System topics are hidden until asked for.
  await topics.search('TBW102');
  await expect(topics.item('TBW102')).toHaveCount(0);
  await page.getByTestId('topics-show-system').check();
  await expect(topics.item('TBW102')).toBeVisible();
  await page.getByTestId('topics-show-system').uncheck();

  const created = uniqueTopic('E2ECreated');
  await topics.create(created, 2);
  await topics.search(created);
  await expect(topics.item(created)).toBeVisible();
  const newRoute = page.locator(`[data-testid="route-panel"][data-topic="${created}"]`);
  await expect(newRoute.getByTestId('route-queue')).toHaveCount(2);

  await newRoute.getByTestId('route-send-to').click();
  await expect(page.getByTestId('composer-topic')).toHaveValue(created);
});

test('a topic created by a send shows in the composer list and in Topics without Refresh; the list says when it was fetched', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('topics');
  const topics = new TopicsPage(page);
  await expect(topics.item(E2E_TOPIC)).toBeVisible();
  await expect(page.getByTestId('topics-fetched')).toHaveText(/^fetched /);

  const created = uniqueTopic('E2EAutoCreated');
  await app.go('composer');
  const composer = new ComposerPage(page);
  await composer.fill({ topic: created, body: 'creates its topic' });
  await composer.send();
  await composer.expectSendOk();
  // The composer's topic list (cached) learns the new topic after the send…
  await expect(page.locator(`#composer-topics option[value="${created}"]`)).toHaveCount(1, { timeout: 20_000 });

  // …and Topics shows it on entry, without a click on Refresh.
  await app.go('topics');
  await topics.search(created);
  await expect(topics.item(created)).toBeVisible();
});
