/** Every stable error code the API answers with, in the words a person reads. */
export const errorMessages: Record<string, string> = {
  VALIDATION_FAILED: '填写的内容有误，请检查标红的字段',
  INVALID_JSON: '请求格式不正确',
  BAD_REQUEST: '请求格式不正确',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_ENCODING: '不支持的请求编码',
  INVALID_CREDENTIALS: '用户名或密码错误',
  TOKEN_MISSING: '请先登录',
  TOKEN_INVALID: '登录凭证无效，请重新登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  ACTION_NOT_ALLOWED: '当前账号无权执行此操作',
  ROUTE_NOT_FOUND: '该功能尚未开放（服务端暂无此接口）',
  INTERNAL: '服务器内部错误，请稍后重试',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后重试',
  NETWORK: '无法连接服务器，请检查网络后重试',
  ORDER_NOT_FOUND: '需求不存在，或不在您的管辖范围内',
  ORDER_NOT_SUBMITTED: '只有待审核的需求可以审核',
  ORDER_NOT_OPEN: '该需求已被他人承接，或已不在待派单状态',
  ORDER_NOT_IN_PROGRESS: '该需求不在服务中，不能执行此操作',
  ORDER_NOT_RESOLVED: '该需求尚未提交解决情况',
  ORDER_NOT_CANCELLABLE: '该需求当前不能取消',
  ORDER_ALREADY_ACCEPTED: '劳模工匠已接单，企业不能再取消，请联系工会',
  ORDER_CHANGED: '需求刚被他人处理，请刷新后重试',
  REOPEN_WINDOW_PASSED: '已超过重新打开的期限',
  OFFER_NOT_FOUND: '派单不存在',
  OFFER_NOT_PENDING: '该派单已失效或已处理',
  OFFER_EXPIRED: '该派单已超过响应期限',
  ALREADY_OFFERED: '该需求已派给这位劳模工匠，正在等待响应',
  CAPACITY_FULL: '该劳模工匠在办任务已达上限',
  CAPACITY_BELOW_ACTIVE: '接单上限不能低于当前在办任务数',
  CRAFTSMAN_EXCLUDED: '该劳模工匠已拒绝或超时未响应此需求，不能再次派给他',
  CRAFTSMAN_NOT_ACTIVE: '该劳模工匠当前不接单（暂停、停用或已退出）',
  CRAFTSMAN_NOT_FOUND: '劳模工匠不存在，或不在您的管辖范围内',
  ENTERPRISE_NOT_FOUND: '企业不存在，或不在您的管辖范围内',
  CREDIT_CODE_TAKEN: '该统一社会信用代码已登记',
  USERNAME_TAKEN: '该用户名已被使用',
  REGION_UNKNOWN: '行政区划代码不存在',
  REGION_NOT_FOUND: '行政区划不存在',
  REGION_OUT_OF_SCOPE: '只能在本级工会管辖范围内操作',
  IMMUTABLE_ID: '不能修改记录编号',
  ORG_NOT_FOUND: '工会组织不存在，或不在您的管辖范围内',
  TARGET_NOT_FOUND: '尚未设置目标任务',
  RANGE_INVALID: '统计区间不正确',
  RANGE_TOO_LONG: '统计区间过长',
  EXPORT_TOO_LARGE: '导出的数据过多，请缩小筛选范围',
  NOTIFICATION_NOT_FOUND: '消息不存在',
  REVIEW_NOT_FLAGGED: '该劳模工匠没有待复核标记',
  REVIEW_CHANGED: '该标记刚被他人处理，请刷新后重试',
  WEBHOOK_SECRET_REQUIRED: '首次配置 Webhook 需填写签名密钥',
  WEBHOOK_URL_REFUSED: 'Webhook 地址不被允许（须为公网 https 地址）',
  WEBHOOK_PRIVATE_ADMIN_ONLY: '只有系统管理员可以允许 Webhook 访问内网地址',
  DUPLICATE_KEY: '记录已存在',
  SEARCH_BACKEND_ERROR: '搜索服务出错，请稍后重试',
  SEARCH_REBUILD_RUNNING: '搜索索引正在重建，请稍后重试',
  SEARCH_LIMIT_INVALID: '每页条数应为 1–100',
  SEARCH_PAGE_INVALID: '页码应为正整数',
  PLAN_NOT_FOUND: '派单方案不存在',
  PLAN_ALREADY_APPLIED: '该派单方案已执行过',
  DELIVERY_NOT_FOUND: '投递记录不存在',
  DELIVERY_NOT_FAILED: '只有投递失败的记录可以重试',
  PLAN_EXPIRED: '派单方案已过有效期，请重新试算',
  PROFILE_CHANGE_NOT_FOUND: '资料变更申请不存在，或不在您的管辖范围内',
  PROFILE_CHANGE_DECIDED: '该资料变更申请已审核',
  ORDER_REGION_OUT_OF_REACH: '需求所在地只能在本企业所在州（市）范围内，跨地区需求请联系工会录入',
  OPEN_ORDER_LIMIT: '本企业未办结的需求已达上限，请待已有需求办结后再提交',
  RECORD_DATE_IN_FUTURE: '服务日期不能晚于今天',
  RECORD_DATE_BEFORE_ACCEPTANCE: '服务日期不能早于接单时间',
  DAILY_HOURS_EXCEEDED: '当天登记的服务时长已达上限',
  SERVICE_RECORD_NOT_FOUND: '服务记录不存在',
  RECORD_ALREADY_DISPUTED: '该服务记录已提出过异议',
  DISPUTE_NOT_OPEN: '该服务记录没有待处理的异议',
};

/** Codes whose server message carries specifics worth showing (numbers, names) over the generic text. */
const preferServerMessage = new Set(['CAPACITY_FULL', 'REOPEN_WINDOW_PASSED', 'EXPORT_TOO_LARGE', 'USERNAME_TAKEN', 'REGION_UNKNOWN', 'ACTION_NOT_ALLOWED', 'ORDER_NOT_CANCELLABLE', 'RANGE_INVALID', 'RANGE_TOO_LONG', 'WEBHOOK_URL_REFUSED', 'OPEN_ORDER_LIMIT', 'DAILY_HOURS_EXCEEDED', 'PLAN_EXPIRED', 'CRAFTSMAN_NOT_ACTIVE']);

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** The zh-CN text for a code: our map, else the API's own zh-CN message, else a generic line. */
export function messageFor(code: string | undefined, serverMessage: string | undefined, status?: number): string {
  if (code && preferServerMessage.has(code) && serverMessage && hasChinese(serverMessage)) return serverMessage;
  if (code && errorMessages[code]) return errorMessages[code];
  if (serverMessage && hasChinese(serverMessage)) return serverMessage;
  if (status && status >= 500) return errorMessages.INTERNAL!;
  return '操作失败，请稍后重试';
}
