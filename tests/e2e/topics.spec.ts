import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test, uniqueTopic } from './fixtures.js';
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
