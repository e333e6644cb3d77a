/**
 * The message browser through the contract: the core admin's read-only browse calls on a connected
 * profile's client instance, converted to plain JSON (bodies as base64 + text, offsets as strings).
 * Browsing is allowed on read-only profiles: it pulls without committing any consumer offset.
 */
import type { z } from 'zod';
import type * as B from '../common/contract-browser.js';
import type { BrowseView, ConsumedByView } from '../common/contract-browser.js';
import type { MessageViewDTO } from '../common/contract-ops.js';
import type { ProducerPool } from './producer-pool.js';
import { browseToWire, consumedByToWire, messageToWire } from './to-wire.js';

export class MessageBrowserService {
  constructor(private readonly pool: ProducerPool) {}

  private admin(profileId: string) {
    return this.pool.get(profileId).admin;
  }

  async byTime(i: z.output<typeof B.BrowseByTime>): Promise<BrowseView> {
    return browseToWire(await this.admin(i.profileId).browseByTime(i.topic, { from: i.from, to: i.to, max: i.max }));
  }

  async lastN(i: z.output<typeof B.BrowseLastN>): Promise<BrowseView> {
    return browseToWire(await this.admin(i.profileId).lastMessages(i.topic, i.brokerName, i.queueId, i.count));
  }

  async message(i: z.output<typeof B.BrowseMessage>): Promise<MessageViewDTO> {
    return messageToWire(await this.admin(i.profileId).messageAt(i.topic, i.brokerName, i.queueId, BigInt(i.queueOffset)));
  }

  async consumedBy(i: z.output<typeof B.BrowseConsumedBy>): Promise<ConsumedByView> {
    return consumedByToWire(await this.admin(i.profileId).consumedBy(i.topic, i.brokerName, i.queueId, BigInt(i.queueOffset)));
  }
}
