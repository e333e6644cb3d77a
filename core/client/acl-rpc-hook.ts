/**
 * ACL signing (AclClientRPCHook): AccessKey (+SecurityToken) added to the ext fields, then
 * Signature = Base64(HmacSHA1(secretKey, values of all ext fields sorted by key ‖ body)).
 */
import { createHmac } from 'node:crypto';
import type { RemotingCommand } from '../remoting/command.js';
import type { RpcHook } from '../remoting/remoting-client.js';

export interface Credentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
}

export function signContent(ext: Record<string, string>, body: Buffer | undefined, secretKey: string): string {
  // Java TreeMap order = UTF-16 code unit order, which is what a plain sort gives.
  const keys = Object.keys(ext).filter((k) => k !== 'Signature').sort();
  const h = createHmac('sha1', Buffer.from(secretKey, 'utf8'));
  h.update(Buffer.from(keys.map((k) => ext[k]).join(''), 'utf8'));
  if (body && body.length > 0) h.update(body);
  return h.digest('base64');
}

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
