/**
 * The profile's producer behaviour (Java 5.x / Java 4.9 fault rules): validated by the contract,
 * persisted, defaulted to java-5 for profiles stored before the setting existed, and handed to the
 * producer.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { producerConfig } from '../../../electron/services/producer-pool.js';
import { testWorkbench, type TestWorkbench } from './support/workbench.js';

describe('profile producer behaviour', () => {
  let t: TestWorkbench | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('defaults to java-5, and a profile stored without the setting reads back java-5', async () => {
    t = testWorkbench();
    const r = await t.call('profiles:create', { name: 'old', namesrvAddrs: ['127.0.0.1:9876'] });
    expect(r.ok).toBe(true);
    expect(r.value.producer.behaviour).toBe('java-5');
    // what is stored is the legacy shape: no behaviour key at all
    const db = new Database(t.wb.dbFile, { readonly: true });
    const row = db.prepare('SELECT data FROM profiles WHERE id = ?').get(r.value.id) as { data: string };
    db.close();
    expect(JSON.parse(row.data).producer).not.toHaveProperty('behaviour');
  });

  it('java-4.9 is persisted across a restart of the host and can be switched back', async () => {
    t = testWorkbench();
    const created = await t.call('profiles:create', {
      name: 'p49',
      namesrvAddrs: ['127.0.0.1:9876'],
      producer: { behaviour: 'java-4.9', faultTolerance: true },
    });
    expect(created.value.producer.behaviour).toBe('java-4.9');
    const dir = t.dir;
    await t.wb.close();
    const again = testWorkbench({ dataDir: dir });
    t = again;
    const got = await again.call('profiles:get', { id: created.value.id });
    expect(got.value.producer).toMatchObject({ behaviour: 'java-4.9', faultTolerance: true });
    const upd = await again.call('profiles:update', { id: created.value.id, patch: { producer: { behaviour: 'java-5' } } });
    expect(upd.value.producer).toMatchObject({ behaviour: 'java-5', faultTolerance: true });
  });

  it('the contract refuses any other value', async () => {
    t = testWorkbench();
    const r = await t.call('profiles:create', { name: 'bad', namesrvAddrs: ['127.0.0.1:9876'], producer: { behaviour: 'java-3' } });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/behaviour/);
  });

  it('is passed to the producer config', async () => {
    t = testWorkbench();
    const r = await t.call('profiles:create', { name: 'cfg', namesrvAddrs: ['127.0.0.1:9876'], producer: { behaviour: 'java-4.9' } });
    expect(producerConfig(r.value, undefined).behaviour).toBe('java-4.9');
  });
});
