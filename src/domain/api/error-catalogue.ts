import type { ErrorKind } from '../../errors.js';

/**
 * 错误码目录: every stable code the API answers with, the kind that decides its status, and the words a
 * person reads. The OpenAPI document lists each operation's codes by status from here, and the console
 * shows these messages — one list, so the two cannot drift. A new code goes here first.
 */
export type CatalogueKind = ErrorKind | 'internal';
export interface CatalogueEntry {
  kind: CatalogueKind;
  /** zh-CN, for people: shown by the console when the server's own message is not more specific. */
  message: string;
}

export const errorCatalogue = {
  ACCOUNT_DISABLED: { kind: 'forbidden', message: '账号已停用，请联系所属工会' },
  ACTION_NOT_ALLOWED: { kind: 'forbidden', message: '当前账号无权执行此操作' },
  ALREADY_OFFERED: { kind: 'conflict', message: '该需求已派给这位劳模工匠，正在等待响应' },
  BACKUP_NOT_SUPPORTED: { kind: 'invalid', message: '当前存储不通过引擎备份（MongoDB 请使用 mongodump）' },
  BAD_REQUEST: { kind: 'invalid', message: '请求格式不正确' },
  CAPACITY_BELOW_ACTIVE: { kind: 'forbidden', message: '接单上限不能低于当前在办任务数' },
  CAPACITY_FULL: { kind: 'conflict', message: '该劳模工匠在办任务已达上限' },
  CRAFTSMAN_EXCLUDED: { kind: 'conflict', message: '该劳模工匠已拒绝或超时未响应此需求，不能再次派给他' },
  CRAFTSMAN_NOT_ACTIVE: { kind: 'conflict', message: '该劳模工匠当前不接单（暂停、停用或已退出）' },
  CRAFTSMAN_NOT_FOUND: { kind: 'not_found', message: '劳模工匠不存在，或不在您的管辖范围内' },
  CREDIT_CODE_TAKEN: { kind: 'conflict', message: '该统一社会信用代码已登记' },
  CURRENT_PASSWORD_WRONG: { kind: 'invalid', message: '当前密码不正确' },
  DAILY_HOURS_EXCEEDED: { kind: 'invalid', message: '当天登记的服务时长已达上限' },
  DELIVERY_NOT_FAILED: { kind: 'conflict', message: '只有投递失败的记录可以重试' },
  DELIVERY_NOT_FOUND: { kind: 'not_found', message: '投递记录不存在' },
  DISPUTE_NOT_OPEN: { kind: 'conflict', message: '该服务记录没有待处理的异议' },
  DUPLICATE_KEY: { kind: 'conflict', message: '记录已存在' },
  ENTERPRISE_NOT_FOUND: { kind: 'not_found', message: '企业不存在，或不在您的管辖范围内' },
  EXPORT_TOO_LARGE: { kind: 'invalid', message: '导出的数据过多，请缩小筛选范围' },
  IMMUTABLE_ID: { kind: 'invalid', message: '不能修改记录编号' },
  INTERNAL: { kind: 'internal', message: '服务器内部错误，请稍后重试' },
  INVALID_CREDENTIALS: { kind: 'unauthorized', message: '用户名或密码错误' },
  INVALID_JSON: { kind: 'invalid', message: '请求格式不正确' },
  LOGIN_BUSY: { kind: 'unavailable', message: '登录请求过多，请稍后再试' },
  LOGIN_THROTTLED: { kind: 'too_many', message: '登录失败次数过多，请稍后再试' },
  NOTIFICATION_NOT_FOUND: { kind: 'not_found', message: '消息不存在' },
  OFFER_EXPIRED: { kind: 'conflict', message: '该派单已超过响应期限' },
  OFFER_NOT_FOUND: { kind: 'not_found', message: '派单不存在' },
  OFFER_NOT_PENDING: { kind: 'conflict', message: '该派单已失效或已处理' },
  OPEN_ORDER_LIMIT: { kind: 'conflict', message: '本企业未办结的需求已达上限，请待已有需求办结后再提交' },
  ORDER_ALREADY_ACCEPTED: { kind: 'conflict', message: '劳模工匠已接单，企业不能再取消，请联系工会' },
  ORDER_CHANGED: { kind: 'conflict', message: '需求刚被他人处理，请刷新后重试' },
  ORDER_NOT_CANCELLABLE: { kind: 'conflict', message: '该需求当前不能取消' },
  ORDER_NOT_FOUND: { kind: 'not_found', message: '需求不存在，或不在您的管辖范围内' },
  ORDER_NOT_IN_PROGRESS: { kind: 'conflict', message: '该需求不在服务中，不能执行此操作' },
  ORDER_NOT_OPEN: { kind: 'conflict', message: '该需求已被他人承接，或已不在待派单状态' },
  ORDER_NOT_RESOLVED: { kind: 'conflict', message: '该需求尚未提交解决情况' },
  ORDER_NOT_SUBMITTED: { kind: 'conflict', message: '只有待审核的需求可以审核' },
  ORDER_REGION_OUT_OF_REACH: { kind: 'forbidden', message: '需求所在地只能在本企业所在州（市）范围内，跨地区需求请联系工会录入' },
  ORG_NOT_FOUND: { kind: 'not_found', message: '工会组织不存在，或不在您的管辖范围内' },
  PASSWORD_UNCHANGED: { kind: 'invalid', message: '新密码不能与当前密码相同' },
  PAYLOAD_TOO_LARGE: { kind: 'too_large', message: '提交的内容过大' },
  PLAN_ALREADY_APPLIED: { kind: 'conflict', message: '该派单方案已执行过' },
  PLAN_EXPIRED: { kind: 'conflict', message: '派单方案已过有效期，请重新试算' },
  PLAN_NOT_FOUND: { kind: 'not_found', message: '派单方案不存在' },
  PROFILE_CHANGE_DECIDED: { kind: 'conflict', message: '该资料变更申请已审核' },
  PROFILE_CHANGE_NOT_FOUND: { kind: 'not_found', message: '资料变更申请不存在，或不在您的管辖范围内' },
  RANGE_INVALID: { kind: 'invalid', message: '统计区间不正确' },
  RANGE_TOO_LONG: { kind: 'invalid', message: '统计区间过长' },
  RECORD_ALREADY_DISPUTED: { kind: 'conflict', message: '该服务记录已提出过异议' },
  RECORD_DATE_BEFORE_ACCEPTANCE: { kind: 'invalid', message: '服务日期不能早于接单时间' },
  RECORD_DATE_IN_FUTURE: { kind: 'invalid', message: '服务日期不能晚于今天' },
  REGION_NOT_FOUND: { kind: 'not_found', message: '行政区划不存在' },
  REGION_OUT_OF_SCOPE: { kind: 'forbidden', message: '只能在本级工会管辖范围内操作' },
  REGION_UNKNOWN: { kind: 'invalid', message: '行政区划代码不存在' },
  REOPEN_WINDOW_PASSED: { kind: 'conflict', message: '已超过重新打开的期限' },
  REVIEW_CHANGED: { kind: 'conflict', message: '该标记刚被他人处理，请刷新后重试' },
  REVIEW_NOT_FLAGGED: { kind: 'conflict', message: '该劳模工匠没有待复核标记' },
  ROUTE_NOT_FOUND: { kind: 'not_found', message: '该功能尚未开放（服务端暂无此接口）' },
  SEARCH_BACKEND_ERROR: { kind: 'unavailable', message: '搜索服务出错，请稍后重试' },
  SEARCH_FACET_UNSUPPORTED: { kind: 'invalid', message: '搜索条件不受支持' },
  SEARCH_FILTER_UNSUPPORTED: { kind: 'invalid', message: '搜索条件不受支持' },
  SEARCH_LIMIT_INVALID: { kind: 'invalid', message: '每页条数应为 1–100' },
  SEARCH_PAGE_INVALID: { kind: 'invalid', message: '页码应为正整数' },
  SEARCH_REBUILD_RUNNING: { kind: 'conflict', message: '搜索索引正在重建，请稍后重试' },
  SEARCH_SORT_UNSUPPORTED: { kind: 'invalid', message: '排序方式不受支持' },
  SERVICE_RECORD_NOT_FOUND: { kind: 'not_found', message: '服务记录不存在' },
  SERVICE_UNAVAILABLE: { kind: 'unavailable', message: '服务暂不可用，请稍后重试' },
  TOKEN_EXPIRED: { kind: 'unauthorized', message: '登录已过期，请重新登录' },
  TOKEN_INVALID: { kind: 'unauthorized', message: '登录凭证无效，请重新登录' },
  TOKEN_MISSING: { kind: 'unauthorized', message: '请先登录' },
  TOKEN_REVOKED: { kind: 'unauthorized', message: '登录已失效（已退出、改密或账号被停用），请重新登录' },
  UNSUPPORTED_ENCODING: { kind: 'invalid', message: '不支持的请求编码' },
  USERNAME_TAKEN: { kind: 'conflict', message: '该用户名已被使用' },
  USER_NOT_FOUND: { kind: 'not_found', message: '账号不存在，或不在您的管理范围内' },
  VALIDATION_FAILED: { kind: 'invalid', message: '填写的内容有误，请检查标红的字段' },
  WEBHOOK_PRIVATE_ADMIN_ONLY: { kind: 'forbidden', message: '只有系统管理员可以允许 Webhook 访问内网地址' },
  WEBHOOK_SECRET_REQUIRED: { kind: 'invalid', message: '首次配置 Webhook 需填写签名密钥' },
  WEBHOOK_URL_REFUSED: { kind: 'invalid', message: 'Webhook 地址不被允许（须为公网 https 地址）' },
} as const satisfies Record<string, CatalogueEntry>;
export type ErrorCode = keyof typeof errorCatalogue;

/** The HTTP status of each kind (the error middleware answers with these). */
export const statusOfKind: Record<CatalogueKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many: 429,
  internal: 500,
  unavailable: 503,
};

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorCatalogue, code);
