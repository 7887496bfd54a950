import type { DomainEventType } from './domain-event.js';

/** 事件类型 as an admin reads them on the set-aside events page. */
export const eventTypeLabels: Record<DomainEventType, string> = {
  'order.submitted': '企业点单',
  'order.entered': '工会代录需求',
  'order.approved': '需求审核通过',
  'order.rejected': '需求被退回',
  'offer.made': '派单',
  'offer.accepted': '接单',
  'offer.declined': '拒单',
  'offer.expired': '派单超时',
  'offer.withdrawn': '派单撤回',
  'order.claimed': '工匠认领',
  'service.recorded': '登记服务记录',
  'service.disputed': '服务记录异议',
  'service.dispute_decided': '异议处理结果',
  'order.resolved': '问题已解决',
  'order.confirmed': '企业确认办结',
  'order.reopened': '需求重新打开',
  'order.cancelled': '需求取消',
  'order.escalated': '需求升级督办',
  'order.owner_changed': '更换责任人',
  'order.limit_reminder': '服务时限提醒',
  'order.limit_overdue': '服务超时',
  'order.follow_up_due': '到期回访',
  'order.survey_answered': '回访问卷已答',
  'order.appointment_proposed': '工匠提出上门时间',
  'order.appointment_countered': '企业另提上门时间',
  'order.appointment_confirmed': '上门时间已确认',
  'order.appointment_reminder': '上门前一天提醒',
  'order.appointment_attendance': '上门到场情况',
  'pairing.started': '师带徒结对开始',
  'pairing.session_logged': '登记带徒活动',
  'pairing.milestone_recorded': '登记带徒成果',
  'pairing.milestone_decided': '带徒成果确认结果',
  'craftsman.created': '新增劳模工匠',
  'craftsman.updated': '工匠资料更新',
  'craftsman.status_changed': '工匠状态变更',
  'craftsman.flagged': '工匠被标记',
  'enterprise.created': '新增企业',
  'enterprise.updated': '企业资料更新',
  'profile_change.proposed': '提交资料变更',
  'profile_change.decided': '资料变更审核结果',
};

/** 处理环节: the event pipeline's consumers by the name they record on an event. */
export const eventConsumerLabels: Record<string, string> = {
  notify: '站内通知与短信',
  'search-index': '搜索索引',
  index: '搜索索引',
  timers: '派单计时',
  'limit-timers': '服务时限计时',
  'appointment-timers': '预约提醒计时',
  stats: '统计汇总',
  reputation: '评分与积分',
  'match-index': '匹配候选索引',
  feedback: '派单反馈',
};

/** 对象类型 of an event's aggregate. */
export const aggregateTypeLabels: Record<'order' | 'offer' | 'craftsman' | 'enterprise' | 'org', string> = {
  order: '需求单',
  offer: '派单',
  craftsman: '劳模工匠',
  enterprise: '企业',
  org: '工会组织',
};
