/**
 * Connection profiles: stored in SQLite without secrets; the AccessKey/SecretKey pair goes to the
 * secret store under `profile:<id>`.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../core/rules/index.js';
import type { ProducerOptions, ProfileTls, ProfileView } from '../common/contract.js';
import { DEFAULT_TRACE_TOPIC } from '../common/contract-connection.js';
import type * as S from '../common/contract-schemas.js';
import { conflict, invalidInput, notFound } from './errors.js';
import type { SecretStore } from './secret-store.js';

export const DEFAULT_PRODUCER_OPTIONS: ProducerOptions = {
  group: 'WORKBENCH_PRODUCER',
  sendTimeoutMs: 3000,
  retries: 2,
  retriesAsync: 2,
  faultTolerance: false,
  compressThreshold: 4096,
  headerSerialization: 'JSON',
  maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
  retryAnotherBrokerWhenNotStoreOK: false,
  // Profiles stored before the setting existed read back with this default (view() merges).
  behaviour: 'java-5',
  compressType: 'ZLIB',
  traceEnabled: false,
  traceTopic: DEFAULT_TRACE_TOPIC,
};

/** TLS of profiles saved before TLS existed, and of new profiles that say nothing. */
export const DEFAULT_TLS: ProfileTls = { enabled: false, insecureSkipVerify: false };

interface StoredProfile extends Omit<ProfileView, 'hasCredentials' | 'accessKey' | 'id' | 'createdAt' | 'updatedAt' | 'producer' | 'tls'> {
  producer: Partial<ProducerOptions>;
  /** Absent in profiles saved before TLS existed. */
  tls?: ProfileTls | undefined;
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

/** tls may be left out by internal callers (first-run profile, tests): off. */
type ProfileInput = Omit<z.output<typeof S.ProfileInput>, 'tls'> & { tls?: ProfileTls | undefined };
type ProfilePatch = z.output<typeof S.ProfileUpdate>['patch'];

export class ProfileStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretStore,
  ) {}

  private secretKeyOf(id: string): string {
    return `profile:${id}`;
  }

  credentials(id: string): Credentials | undefined {
    const raw = this.secrets.get(this.secretKeyOf(id));
    return raw ? (JSON.parse(raw) as Credentials) : undefined;
  }

  private view(row: { id: string; data: string; created_at: number; updated_at: number }): ProfileView {
    const d = JSON.parse(row.data) as StoredProfile;
    let creds: Credentials | undefined;
    try {
      creds = this.credentials(row.id);
    } catch {
      creds = undefined; // keychain unavailable: show as no credentials rather than failing the list
    }
    return {
      id: row.id,
      name: d.name,
      namesrvAddrs: d.namesrvAddrs ?? [],
      namesrvAddressServer: d.namesrvAddressServer || undefined,
      tls: { ...DEFAULT_TLS, ...d.tls },
      namespace: d.namespace || undefined,
      environment: d.environment,
      readOnly: d.readOnly,
      env: d.env ?? {},
      producer: { ...DEFAULT_PRODUCER_OPTIONS, ...d.producer },
      accessKey: creds?.accessKey,
      hasCredentials: creds !== undefined,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  list(): ProfileView[] {
    return (
      this.db.prepare('SELECT id, data, created_at, updated_at FROM profiles ORDER BY name COLLATE NOCASE, id').all() as {
        id: string;
        data: string;
        created_at: number;
        updated_at: number;
      }[]
    ).map((r) => this.view(r));
  }

  find(id: string): ProfileView | undefined {
    const row = this.db.prepare('SELECT id, data, created_at, updated_at FROM profiles WHERE id = ?').get(id) as
      { id: string; data: string; created_at: number; updated_at: number } | undefined;
    return row ? this.view(row) : undefined;
  }

  get(id: string): ProfileView {
    const p = this.find(id);
    if (!p) throw notFound(`profile '${id}'`);
    return p;
  }

  private assertUniqueName(name: string, exceptId?: string): void {
    const row = this.db.prepare('SELECT id FROM profiles WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined;
    if (row && row.id !== exceptId) throw conflict(`a profile named '${name}' already exists`);
  }

  create(input: ProfileInput): ProfileView {
    this.assertUniqueName(input.name);
    const id = randomUUID();
    const now = Date.now();
    const data: StoredProfile = {
      name: input.name,
      namesrvAddrs: input.namesrvAddrs,
      namesrvAddressServer: input.namesrvAddressServer,
      tls: input.tls ?? DEFAULT_TLS,
      namespace: input.namespace,
      environment: input.environment,
      readOnly: input.readOnly,
      env: input.env,
      producer: input.producer,
    };
    if (input.accessKey && input.secretKey) this.secrets.set(this.secretKeyOf(id), JSON.stringify({ accessKey: input.accessKey, secretKey: input.secretKey }));
    this.db.prepare('INSERT INTO profiles (id, name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, input.name, JSON.stringify(data), now, now);
    return this.get(id);
  }

  update(id: string, patch: ProfilePatch): ProfileView {
    const row = this.db.prepare('SELECT data FROM profiles WHERE id = ?').get(id) as { data: string } | undefined;
    if (!row) throw notFound(`profile '${id}'`);
    if (patch.name) this.assertUniqueName(patch.name, id);
    const d = JSON.parse(row.data) as StoredProfile;
    const next: StoredProfile = {
      name: patch.name ?? d.name,
      namesrvAddrs: patch.namesrvAddrs ?? d.namesrvAddrs,
      namesrvAddressServer: patch.namesrvAddressServer === undefined ? d.namesrvAddressServer : patch.namesrvAddressServer || undefined,
      tls: patch.tls ?? d.tls,
      namespace: patch.namespace ?? d.namespace,
      environment: patch.environment ?? d.environment,
      readOnly: patch.readOnly ?? d.readOnly,
      env: patch.env ?? d.env,
      producer: patch.producer ? { ...d.producer, ...patch.producer } : d.producer,
    };
    if (next.namesrvAddrs.length === 0 && !next.namesrvAddressServer)
      throw invalidInput('give at least one NameServer address, or a NameServer address server');
    if (patch.clearCredentials) this.secrets.delete(this.secretKeyOf(id));
    if (patch.accessKey || patch.secretKey) {
      const cur = this.credentials(id);
      const accessKey = patch.accessKey ?? cur?.accessKey;
      const secretKey = patch.secretKey ?? cur?.secretKey;
      if (!accessKey || !secretKey) throw conflict('give both AccessKey and SecretKey');
      this.secrets.set(this.secretKeyOf(id), JSON.stringify({ accessKey, secretKey }));
    }
    this.db.prepare('UPDATE profiles SET name = ?, data = ?, updated_at = ? WHERE id = ?').run(next.name, JSON.stringify(next), Date.now(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    const n = this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes;
    this.secrets.delete(this.secretKeyOf(id));
    return n > 0;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM profiles').get() as { n: number }).n;
  }
}
