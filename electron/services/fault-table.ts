/**
 * The producer's fault table as a plain view for the live tick: behaviour, whether fault avoidance
 * is on, the host time of the snapshot, and every item exactly as the core holds it.
 */
import type { DefaultMQProducer } from '../../core/index.js';
import type { FaultTableView } from '../common/contract.js';

export function readFaultTable(producer: DefaultMQProducer): FaultTableView {
  const snap = producer.faultSnapshot();
  return {
    behaviour: snap.behaviour,
    enabled: snap.enabled,
    at: snap.at,
    items: snap.items
      .map((i) => ({
        brokerName: i.brokerName,
        currentLatency: i.currentLatency,
        notAvailableUntil: i.notAvailableUntil,
        available: i.available,
        reachable: i.reachable,
        isolated: !i.available,
      }))
      .sort((a, b) => a.brokerName.localeCompare(b.brokerName)),
  };
}
