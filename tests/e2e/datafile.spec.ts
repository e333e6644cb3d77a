import { E2E_TOPIC } from './global-setup.js';
import { expect, MAIN_NAMESRV, test } from './fixtures.js';

test('a CSV file drives sends with a per-row outcome, and the failed rows can be re-run', async ({ app, page }) => {
  await app.createProfile('local', MAIN_NAMESRV);
  await app.go('runner');
  const csv = ['topic,tags,keys,body', `${E2E_TOPIC},Csv,row-1,hello 1`, 'bad topic!,Csv,row-2,hello 2', `${E2E_TOPIC},Csv,row-3,hello 3`].join('\n') + '\n';
  await page.getByTestId('datafile-input').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('datafile-inspection')).toContainText('3 rows');
  await page.getByTestId('datafile-start').click();

  const phase = page.getByTestId('datafile-phase');
  await expect(phase).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(phase).toContainText('ok 2');
  const problems = page.getByTestId('datafile-problem');
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toContainText('3');
  // An illegal topic is refused before sending: 'not sent', with the reason (issue 14).
  await expect(problems.first()).toContainText('not sent');
  await expect(problems.first()).toContainText('illegal characters');

  await page.getByTestId('datafile-rerun').click();
  await expect(phase).toContainText('re-run of');
  await expect(phase).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(problems).toHaveCount(1);
});
