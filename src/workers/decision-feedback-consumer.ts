import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Store } from '../ports/store.js';
import { decisionOutcomeEvents, type DecisionFeedbackService } from '../services/decision-feedback-service.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Writes what became of each dispatch decision (declined, expired, accepted, completed and rated) onto
 * its record. The outcomes and the acknowledgement commit in one transaction, so none is lost and a
 * re-driven batch finds its updates already made (they move forward only).
 */
export function decisionFeedbackConsumer(store: Store, feedback: Pick<DecisionFeedbackService, 'applyOutcomes'>): EventConsumer {
  const wanted = new Set(decisionOutcomeEvents);
  return {
    name: 'feedback',
    batchSize: 200,
    wants: (type) => wanted.has(type),
    async handleBatch(events: DomainEvent[], acknowledge) {
      await store.transaction(async () => {
        await feedback.applyOutcomes(events);
        await acknowledge();
      });
    },
  };
}
