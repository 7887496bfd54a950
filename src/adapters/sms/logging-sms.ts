import type { Logger } from '../../logger.js';
import { maskPhone } from '../../domain/notifications/notification.js';
import type { SmsSender } from '../../ports/sms.js';

/** An SMS "provider" that only logs (phone masked): the default until a real provider is contracted. */
export class LoggingSms implements SmsSender {
  constructor(private readonly logger: Pick<Logger, 'info'>) {}

  async send(phone: string, text: string): Promise<void> {
    this.logger.info({ phone: maskPhone(phone), text, chars: text.length }, 'sms: logged, not sent (no provider configured)');
  }
}
