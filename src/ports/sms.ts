/**
 * SMS port: text messages to a phone, for what cannot wait (an urgent offer to a craftsman).
 * Adapter: logging (development and tests; no real provider is wired yet).
 */
export interface SmsSender {
  /** Sends one message; resolves once the provider has accepted it, rejects when it did not (the caller retries). */
  send(phone: string, text: string): Promise<void>;
}
