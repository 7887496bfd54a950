import type { DomainEvent } from '../domain/events/domain-event.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { Queue } from '../ports/queue.js';
import type { PasswordHasher, SecretBox, TokenIssuer } from '../ports/security.js';
import type { Store } from '../ports/store.js';

export interface ServiceSettings {
  /** How long after resolution an enterprise may reopen an order. */
  reopenWindowDays: number;
}

/** What every use case may reach: ports only, never an adapter. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
  /** Seals secrets before they are stored (webhook signing keys). */
  secrets: SecretBox;
  queue: Queue;
  settings: ServiceSettings;
  /**
   * Called when a write recorded domain events (inside its transaction, before it commits), so the
   * event pipeline runs soon and this process's in-memory state follows.
   */
  onEventsRecorded?: (events: readonly DomainEvent[]) => void;
}
