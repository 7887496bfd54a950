import { errorCatalogue } from '../../../domain/api/error-catalogue.js';

/** Every stable error code the API answers with, in the words a person reads: the engine's one catalogue, plus what only a browser meets. */
export const errorMessages: Record<string, string> = {
  ...Object.fromEntries(Object.entries(errorCatalogue).map(([code, entry]) => [code, entry.message])),
  NETWORK: '无法连接服务器，请检查网络后重试',
};

/** Codes whose server message carries specifics worth showing (numbers, names) over the generic text. */
const preferServerMessage = new Set(['LOGIN_THROTTLED', 'ACCOUNT_DISABLED', 'CAPACITY_FULL', 'REOPEN_WINDOW_PASSED', 'EXPORT_TOO_LARGE', 'USERNAME_TAKEN', 'REGION_UNKNOWN', 'ACTION_NOT_ALLOWED', 'ORDER_NOT_CANCELLABLE', 'RANGE_INVALID', 'RANGE_TOO_LONG', 'WEBHOOK_URL_REFUSED', 'OPEN_ORDER_LIMIT', 'DAILY_HOURS_EXCEEDED', 'PLAN_EXPIRED', 'CRAFTSMAN_NOT_ACTIVE', 'NO_POLICY_PROPOSAL', 'ALREADY_IN_TAXONOMY', 'SKILL_NOT_IN_TAXONOMY', 'TERM_IS_ANOTHER_SKILL', 'SURVEY_NOT_OPEN']);

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** The zh-CN text for a code: our map, else the API's own zh-CN message, else a generic line. */
export function messageFor(code: string | undefined, serverMessage: string | undefined, status?: number): string {
  if (code && preferServerMessage.has(code) && serverMessage && hasChinese(serverMessage)) return serverMessage;
  if (code && errorMessages[code]) return errorMessages[code];
  if (serverMessage && hasChinese(serverMessage)) return serverMessage;
  if (status && status >= 500) return errorMessages.INTERNAL!;
  return '操作失败，请稍后重试';
}
