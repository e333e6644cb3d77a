import { describe, expect, it } from 'vitest';
import { aclRpcHook, AclSignatureError, CAL_SIGNATURE_FAILED, signContent } from '../../../core/client/acl-rpc-hook.js';
import { systemClock } from '../../../core/clock.js';
import { createRequest } from '../../../core/remoting/command.js';
import { RemotingClient } from '../../../core/remoting/remoting-client.js';

// Issue 17 item 3: Java's AclSigner cannot build an HMAC key from an empty secret and fails the
// request locally with AclException 10015 "[10015:signature-failed] ... error=Empty key".
describe('ACL signing with an empty secret key (as Java)', () => {
  it("signContent refuses an empty secret key with Java's code and phrase", () => {
    let err: unknown;
    try {
      signContent({ topic: 'TopicTest', AccessKey: 'rocketmq2' }, undefined, '');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AclSignatureError);
    expect(err).toMatchObject({ code: CAL_SIGNATURE_FAILED, retriable: false });
    expect((err as Error).message).toContain('[10015:signature-failed] unable to calculate a request signature. error=Empty key');
  });

  it('a request fails before any socket is opened', async () => {
    let sockets = 0;
    const client = new RemotingClient({
      namesrvAddrs: ['127.0.0.1:9876'],
      clock: systemClock,
      rpcHook: aclRpcHook({ accessKey: 'rocketmq2', secretKey: '' }),
      socketFactory: () => {
        sockets++;
        throw new Error('no socket expected');
      },
    });
    await expect(client.invoke('127.0.0.1:10911', createRequest(105, { topic: 'T' }), 1000)).rejects.toBeInstanceOf(AclSignatureError);
    expect(sockets).toBe(0);
    client.shutdown();
  });

  it('an empty access key is signed and sent, as Java does (the broker decides)', () => {
    const cmd = createRequest(105, { topic: 'TopicTest' });
    aclRpcHook({ accessKey: '', secretKey: '12345678' }).beforeRequest('b:1', cmd);
    expect(cmd.extFields).toMatchObject({ AccessKey: '', Signature: signContent({ topic: 'TopicTest', AccessKey: '' }, undefined, '12345678') });
  });
});
