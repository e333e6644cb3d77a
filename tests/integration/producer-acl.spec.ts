/** ACL signing against a real broker started with authentication enabled (cluster profile 'acl'). */
import { beforeAll, describe, expect, it } from 'vitest';
import { DefaultMQProducer, SendFailedError } from '../../core/index.js';
import { startCluster } from '../cluster/cluster.js';
import { uniqueGroup, uniqueTopic } from './env.js';

let namesrv = '';
beforeAll(async () => {
  namesrv = (await startCluster('acl')).namesrvAddr;
});

async function sendWith(credentials?: { accessKey: string; secretKey: string }) {
  const p = new DefaultMQProducer({ namesrvAddr: namesrv, producerGroup: uniqueGroup('acl'), credentials, retryTimesWhenSendFailed: 0 });
  await p.start();
  try {
    return await p.send({ topic: uniqueTopic('WbAcl'), body: 'signed' });
  } finally {
    await p.shutdown();
  }
}

describe('ACL', () => {
  it('signed requests with the right keys are accepted', async () => {
    expect((await sendWith({ accessKey: 'rocketmq', secretKey: '12345678' })).sendStatus).toBe('SEND_OK');
  });

  it('a wrong secret key gets a clear NO_PERMISSION error that points at the keys', async () => {
    const err = (await sendWith({ accessKey: 'rocketmq', secretKey: 'not-the-key' }).catch((e: unknown) => e)) as SendFailedError;
    expect(err).toBeInstanceOf(SendFailedError);
    expect(err.code).toBe(16);
    expect(err.message).toMatch(/signature/i);
    expect(err.message).toMatch(/AccessKey\/SecretKey/);
  });

  it('unsigned requests are refused', async () => {
    const err = (await sendWith().catch((e: unknown) => e)) as SendFailedError;
    expect(err).toBeInstanceOf(SendFailedError);
    expect(err.code).toBe(16);
  });
});
