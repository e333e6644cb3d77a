/**
 * Issue 17 item 1: the 5.x Java client (Validators.checkTopicConfig, called by
 * MQClientAPIImpl.createTopic) refuses a topic perm outside 0..7 — PermName.isValid is
 * `perm >= 0 && perm < PERM_PRIORITY` — with "topicPermission value: 8 is invalid.".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../../core/admin/admin.js';
import { checkTopicPerm } from '../../../core/admin/topic-admin.js';
import { ValidationError } from '../../../core/errors.js';
import { RequestCode } from '../../../core/protocol/codes.js';
import { ScriptedServer } from '../support/scripted-server.js';

let ns: ScriptedServer;
let broker: ScriptedServer;
let admin: MQAdmin;

beforeEach(async () => {
  broker = await new ScriptedServer(() => ({ code: 0 })).listen();
  ns = await new ScriptedServer((cmd) =>
    cmd.code === RequestCode.GET_BROKER_CLUSTER_INFO
      ? {
          code: 0,
          body: `{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"${broker.addr}"},"brokerName":"broker-a","cluster":"C1"}},"clusterAddrTable":{"C1":["broker-a"]}}`,
        }
      : { code: 0 },
  ).listen();
  admin = MQAdmin.create({ namesrvAddr: ns.addr, mqClientApiTimeout: 1000 });
});

afterEach(async () => {
  await admin.close();
  await Promise.all([ns.close(), broker.close()]);
});

describe('topic perm validation (PermName.isValid)', () => {
  it.each([8, 10, 15, -1, 2.5])('perm %d is refused locally, before any request', async (perm) => {
    const p = admin.createOrUpdateTopic({ topic: 'Orders', cluster: 'C1', perm });
    await expect(p).rejects.toBeInstanceOf(ValidationError);
    await expect(p).rejects.toThrow(`topicPermission value: ${perm} is invalid.`);
    expect(ns.requests.length + broker.requests.length).toBe(0);
  });

  it('perm 0..7 pass, and the default 6 reaches the broker', async () => {
    for (let perm = 0; perm < 8; perm++) expect(() => checkTopicPerm(perm)).not.toThrow();
    const r = await admin.createOrUpdateTopic({ topic: 'Orders', cluster: 'C1' });
    expect(r.ok).toBe(true);
    expect(broker.requests.find((q) => q.code === RequestCode.UPDATE_AND_CREATE_TOPIC)?.extFields?.perm).toBe('6');
  });
});
