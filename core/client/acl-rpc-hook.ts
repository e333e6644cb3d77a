/**
 * ACL signing (AclClientRPCHook): AccessKey (+SecurityToken) added to the ext fields, then
 * Signature = Base64(HmacSHA1(secretKey, values of all ext fields sorted by key ‖ body)).
 */
import { createHmac } from 'node:crypto';
import { MQClientError } from '../errors.js';
import type { RemotingCommand } from '../remoting/command.js';
import type { RpcHook } from '../remoting/remoting-client.js';

export interface Credentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
}

/** AclSigner.CAL_SIGNATURE_FAILED: the code Java's AclException carries when it cannot sign. */
export const CAL_SIGNATURE_FAILED = 10015;

/**
 * The request could not be signed. Java's AclSigner fails the same way for an empty secret key
 * (javax.crypto refuses an empty HMAC key), before anything is sent; its message is kept as the
 * first part so a search for it finds the Java answers.
 */
export class AclSignatureError extends MQClientError {
  override readonly name = 'AclSignatureError';
  constructor(reason: string, hint: string) {
    super(`[${CAL_SIGNATURE_FAILED}:signature-failed] unable to calculate a request signature. error=${reason} — ${hint}`, {
      code: CAL_SIGNATURE_FAILED,
      retriable: false,
    });
  }
}

export function signContent(ext: Record<string, string>, body: Buffer | undefined, secretKey: string): string {
  // Node's HMAC accepts an empty key; Java's SecretKeySpec throws "Empty key". Refuse locally, as
  // Java does, instead of letting the broker answer with a signature mismatch.
  if (typeof secretKey !== 'string' || secretKey.length === 0) {
    throw new AclSignatureError(
      'Empty key',
      'the ACL secret key is empty: set the secret key (SK) of this connection, or remove the access key to connect without ACL.',
    );
  }
  // Java TreeMap order = UTF-16 code unit order, which is what a plain sort gives.
  const keys = Object.keys(ext)
    .filter((k) => k !== 'Signature')
    .sort();
  const h = createHmac('sha1', Buffer.from(secretKey, 'utf8'));
  h.update(Buffer.from(keys.map((k) => ext[k]).join(''), 'utf8'));
  if (body && body.length > 0) h.update(body);
  return h.digest('base64');
}

/**
 * Signs each request as it is sent, like Java's hook: an empty secret key fails the first request
 * (not the construction), so a producer with bad credentials still starts and reports the error
 * where Java does. An empty access key is sent as is — Java does not check it either; the broker
 * decides (and refuses it when ACL is on).
 */
export function aclRpcHook(creds: Credentials): RpcHook {
  return {
    beforeRequest(_addr: string, cmd: RemotingCommand): void {
      const ext = (cmd.extFields ??= {});
      ext.AccessKey = creds.accessKey;
      if (creds.securityToken) ext.SecurityToken = creds.securityToken;
      delete ext.Signature;
      ext.Signature = signContent(ext, cmd.body, creds.secretKey);
    },
  };
}
