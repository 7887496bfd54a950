import type { DomainEvent, DomainEventType } from '../events/domain-event.js';
import { complaintCategories, complaintCategoryLabels, complaintTargetLabels, complaintTargets, type ComplaintCategory, type ComplaintTarget } from '../orders/complaint.js';
import { orderSourceLabels, orderSources, urgencyLabels, type Urgency } from '../orders/order.js';
import { fieldListText } from '../profiles/profile-change.js';
import { milestoneKindLabels, milestoneKinds, type MilestoneKind } from '../mentoring/pairing.js';
import { orderIdOf, type Audience } from './notification.js';

/** What a template may know besides the event itself (loaded by the caller, never fetched here). */
export interface NotificationContext {
  audience: Audience;
  order: { title: string; urgency: Urgency; enterpriseName: string; ratingComment?: string | null; number?: string | null } | null;
  craftsmanName: string | null;
  /** order.escalated: the org it went up to. */
  orgName?: string | null;
}

export interface RenderedNotification {
  title: string;
  body: string;
  /** A path of the web console, relative to its base URL. */
  link: string;
}

type Template = (e: DomainEvent, d: Derived) => { title: string; body: string };

interface Derived {
  title: string;
  enterprise: string;
  craftsman: string;
  urgency: string;
  urgent: boolean;
  reason: string;
  orgName: string;
  ratingComment: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** `6月3日 16:00` in China Standard Time (UTC+8, no daylight saving). */
export function formatChinaTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const cst = new Date(t.getTime() + 8 * 3600_000);
  const hh = String(cst.getUTCHours()).padStart(2, '0');
  const mm = String(cst.getUTCMinutes()).padStart(2, '0');
  return `${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日 ${hh}:${mm}`;
}

const sourceLabel = (value: unknown): string => (orderSources.includes(value as never) ? orderSourceLabels[value as (typeof orderSources)[number]] : '工会走访');

const dueText = (e: DomainEvent) => formatChinaTime(str(e.payload['dueAt']) ?? '');
const milestoneText = (e: DomainEvent) => (e.payload['milestone'] === 'first_contact' ? '首次联系/上门' : '问题解决');

/** `6月3日 09:00–11:00` for a slot in the payload. */
function slotText(e: DomainEvent): string {
  const slot = e.payload['slot'] as { start?: unknown; end?: unknown } | undefined;
  const start = str(slot?.start);
  const end = str(slot?.end);
  if (!start || !end) return '约定时间';
  return `${formatChinaTime(start)}–${formatChinaTime(end).split(' ')[1] ?? ''}`;
}
const withNote = (e: DomainEvent) => (str(e.payload['note']) ? `，留言：${str(e.payload['note'])}` : '');

const withReason = (reason: string) => (reason ? `，原因：${reason}` : '');

const TEMPLATES: Partial<Record<DomainEventType, Partial<Record<Audience, Template>>>> = {
  'order.submitted': {
    staff: (_e, d) => ({ title: `新需求单待审核：${d.title}`, body: `${d.enterprise}提交了需求单「${d.title}」（${d.urgency}），请及时审核。` }),
  },
  'order.entered': {
    enterprise: (e, d) => ({
      title: `工会已为您代录需求单：${d.title}`,
      body: `工会工作人员${str(e.payload['enteredByName']) ?? ''}根据${sourceLabel(e.payload['source'])}为您录入了需求单「${d.title}」，已进入派单环节。您可在“我的需求”中查看进展，服务完成后请确认并评价。`,
    }),
    staff: (e, d) => ({ title: `代录需求单：${d.title}`, body: `已为${d.enterprise}代录需求单「${d.title}」（${sourceLabel(e.payload['source'])}），等待派单。` }),
  },
  'order.approved': {
    enterprise: (_e, d) => ({ title: '需求单已通过审核', body: `您的需求单「${d.title}」已通过工会审核，正在为您匹配劳模工匠。` }),
    staff: (_e, d) => ({ title: `需求单已审核通过：${d.title}`, body: `${d.enterprise}的需求单「${d.title}」已审核通过，等待派单。` }),
  },
  'order.rejected': {
    enterprise: (_e, d) => ({ title: '需求单未通过审核', body: `您的需求单「${d.title}」未通过工会审核${withReason(d.reason)}。如有疑问请联系所在地工会。` }),
    staff: (_e, d) => ({ title: `需求单已驳回：${d.title}`, body: `${d.enterprise}的需求单「${d.title}」已驳回${withReason(d.reason)}。` }),
  },
  'offer.made': {
    craftsman: (e, d) => {
      const deadline = str(e.payload['expiresAt']);
      return {
        title: `${d.urgent ? `【${d.urgency}】` : ''}新的派单：${d.title}`,
        body: `${d.enterprise}的需求单「${d.title}」已派给您${deadline ? `，请在 ${formatChinaTime(deadline)} 前接单或婉拒` : '，请尽快接单或婉拒'}。`,
      };
    },
    staff: (e, d) => ({ title: `已派单：${d.title}`, body: `需求单「${d.title}」已${e.payload['auto'] === true ? '自动' : ''}派给劳模工匠${d.craftsman}，等待接单。` }),
  },
  'offer.accepted': {
    enterprise: (_e, d) => ({ title: '您的需求单已被接单', body: `劳模工匠${d.craftsman}已接下您的需求单「${d.title}」，将尽快与您联系。` }),
    staff: (_e, d) => ({ title: `已接单：${d.title}`, body: `劳模工匠${d.craftsman}已接下${d.enterprise}的需求单「${d.title}」。` }),
  },
  'order.claimed': {
    enterprise: (_e, d) => ({ title: '您的需求单已被承接', body: `劳模工匠${d.craftsman}主动承接了您的需求单「${d.title}」，将尽快与您联系。` }),
    staff: (_e, d) => ({ title: `已承接：${d.title}`, body: `劳模工匠${d.craftsman}主动承接了${d.enterprise}的需求单「${d.title}」。` }),
  },
  'offer.declined': {
    staff: (_e, d) => ({ title: `派单被婉拒：${d.title}`, body: `劳模工匠${d.craftsman}婉拒了需求单「${d.title}」${withReason(d.reason)}。请重新派单。` }),
  },
  'offer.expired': {
    craftsman: (_e, d) => ({ title: `派单已过期：${d.title}`, body: `您未在期限内答复需求单「${d.title}」的派单，该派单已过期。` }),
    staff: (_e, d) => ({ title: `派单超时未答复：${d.title}`, body: `劳模工匠${d.craftsman}未在期限内答复需求单「${d.title}」，请重新派单。` }),
  },
  'offer.withdrawn': {
    craftsman: (_e, d) => ({ title: `派单已撤回：${d.title}`, body: `需求单「${d.title}」的派单已撤回${withReason(d.reason)}，无需再处理。` }),
  },
  'order.resolved': {
    enterprise: (_e, d) => ({ title: `需求单待确认：${d.title}`, body: `劳模工匠${d.craftsman}已将需求单「${d.title}」标记为已解决，请确认并评价。` }),
    staff: (_e, d) => ({ title: `需求单已解决：${d.title}`, body: `劳模工匠${d.craftsman}已解决${d.enterprise}的需求单「${d.title}」，等待企业确认。` }),
  },
  'order.confirmed': {
    // 双向评价: the craftsman reads the enterprise's rating only once it has rated too, or 14 days on.
    craftsman: (_e, d) => ({
      title: `企业已确认并评价：${d.title}`,
      body: `${d.enterprise}已确认需求单「${d.title}」已解决。感谢您的付出！请在需求详情中评价企业的配合情况：双方评价在都提交后（或 14 天后）同时公开。`,
    }),
    staff: (e, d) => {
      const rating = ratingOf(e);
      return { title: `需求单已完成：${d.title}`, body: `${d.enterprise}已确认需求单「${d.title}」已解决${rating ? `，评分 ${rating}/5` : ''}。` };
    },
  },
  'order.cancelled': {
    craftsman: (_e, d) => ({ title: `需求单已取消：${d.title}`, body: `${d.enterprise}的需求单「${d.title}」已取消${withReason(d.reason)}，无需再提供服务。` }),
    staff: (_e, d) => ({ title: `需求单已取消：${d.title}`, body: `${d.enterprise}的需求单「${d.title}」已取消${withReason(d.reason)}。` }),
  },
  'order.reopened': {
    craftsman: (_e, d) => ({ title: `需求单被重新打开：${d.title}`, body: `${d.enterprise}认为需求单「${d.title}」尚未解决，已重新打开${withReason(d.reason)}。` }),
    staff: (_e, d) => ({ title: `需求单被重新打开：${d.title}`, body: `${d.enterprise}重新打开了需求单「${d.title}」${withReason(d.reason)}。` }),
  },
  'order.follow_up_due': {
    enterprise: (_e, d) => ({ title: `满意度回访：${d.title}`, body: `您的需求单「${d.title}」已办结一段时间。问题是否仍已解决？对劳模工匠和工会的服务是否满意？请在需求详情中填写回访问卷。` }),
    owner: (_e, d) => ({ title: `回访任务：${d.title}`, body: `您负责的需求单「${d.title}」（${d.enterprise}）已到回访时间，请联系企业回访并登记回访记录。` }),
  },
  'order.survey_answered': {
    owner: (e, d) => ({
      title: e.payload['stillSolved'] === false ? `【问题复发】回访反馈：${d.title}` : `回访反馈：${d.title}`,
      body: `${d.enterprise}已填写需求单「${d.title}」的回访问卷：${e.payload['stillSolved'] === false ? '问题复发，请跟进重新打开或新建关联需求' : '问题仍已解决'}；对劳模工匠满意度 ${String(e.payload['craftsmanSatisfaction'])} 分，对工会服务满意度 ${String(e.payload['unionSatisfaction'])} 分。`,
    }),
  },
  'order.appointment_proposed': {
    enterprise: (e, d) => ({ title: `预约上门时间待确认：${d.title}`, body: `劳模工匠${d.craftsman}提议于 ${slotText(e)} 上门服务需求单「${d.title}」${withNote(e)}。请在需求详情中确认，或另提时段。` }),
  },
  'order.appointment_countered': {
    craftsman: (e, d) => ({ title: `企业另提了上门时间：${d.title}`, body: `${d.enterprise}希望将需求单「${d.title}」的上门时间改为 ${slotText(e)}${withNote(e)}。请确认，或再提一个时段。` }),
  },
  'order.appointment_confirmed': {
    craftsman: (e, d) => ({ title: `上门时间已确认：${d.title}`, body: `需求单「${d.title}」（${d.enterprise}）的上门时间已确认为 ${slotText(e)}，请按时到达。` }),
    enterprise: (e, d) => ({ title: `上门时间已确认：${d.title}`, body: `劳模工匠${d.craftsman}将于 ${slotText(e)} 上门服务需求单「${d.title}」。` }),
  },
  'order.appointment_reminder': {
    craftsman: (e, d) => ({ title: `明日预约提醒：${d.title}`, body: `您预约了 ${slotText(e)} 到${d.enterprise}服务需求单「${d.title}」，请提前安排行程。` }),
    enterprise: (e, d) => ({ title: `明日预约提醒：${d.title}`, body: `劳模工匠${d.craftsman}将于 ${slotText(e)} 上门服务需求单「${d.title}」，请安排好现场人员和设备。` }),
  },
  'order.appointment_attendance': {
    owner: (e, d) => ({
      title: `${e.payload['attendance'] === 'missed' ? '【预约爽约】' : '【预约迟到】'}${d.title}`,
      body: `您负责的需求单「${d.title}」（${d.enterprise}）预约于 ${slotText(e)} 上门，劳模工匠${d.craftsman}${e.payload['attendance'] === 'missed' ? '未按约到访（无上门服务记录）' : '迟到'}，请了解情况并跟进。`,
    }),
  },
  'order.limit_reminder': {
    craftsman: (e, d) => ({ title: `服务时限提醒：${d.title}`, body: `您承接的需求单「${d.title}」须在 ${dueText(e)} 前完成${milestoneText(e)}，请抓紧安排。` }),
    owner: (e, d) => ({ title: `服务时限将到：${d.title}`, body: `您负责的需求单「${d.title}」${milestoneText(e)}时限为 ${dueText(e)}，劳模工匠${d.craftsman}尚未完成，请督促跟进。` }),
  },
  'order.limit_overdue': {
    owner: (e, d) => ({ title: `【已超时】${d.title}`, body: `您负责的需求单「${d.title}」已超过${milestoneText(e)}时限（${dueText(e)}），请立即协调处理。` }),
    craftsman: (e, d) => ({ title: `服务已超时：${d.title}`, body: `您承接的需求单「${d.title}」已超过${milestoneText(e)}时限（${dueText(e)}），请尽快处理并登记服务记录。` }),
    staff: (e, d) => ({ title: `需求单超时：${d.title}`, body: `${d.enterprise}的需求单「${d.title}」已超过${milestoneText(e)}时限（${dueText(e)}），劳模工匠${d.craftsman}，请责任人及上级工会关注。` }),
  },
  'order.complaint_filed': {
    owner: (e, d) => ({ title: `【投诉】${d.title}`, body: `${complainantText(e, d)}就您负责的需求单「${d.title}」投诉${complaintAbout(e)}（${complaintCategory(e)}），请在 ${dueText(e)} 前核实处理。` }),
    staff: (e, d) => ({ title: `投诉待处理：${d.title}`, body: `${complainantText(e, d)}就需求单「${d.title}」投诉${complaintAbout(e)}（${complaintCategory(e)}），处理时限 ${dueText(e)}。` }),
  },
  'order.complaint_decided': {
    complainant: (e, d) => ({
      title: e.payload['outcome'] === 'upheld' ? `投诉已处理（成立）：${d.title}` : `投诉已处理（不成立）：${d.title}`,
      body: `您就需求单「${d.title}」对${complaintAbout(e)}的投诉已由工会处理：${e.payload['outcome'] === 'upheld' ? '投诉成立' : '投诉不成立'}${withReason(d.reason)}。如有异议，请联系所在地工会。`,
    }),
  },
  'order.owner_changed': {
    owner: (_e, d) => ({ title: `您已成为需求单责任人：${d.title}`, body: `${d.enterprise}的需求单「${d.title}」已交由您负责${withReason(d.reason)}。请跟进直至办结。` }),
  },
  'order.escalated': {
    owner: (_e, d) => ({ title: `您负责的需求单已升级：${d.title}`, body: `您负责的需求单「${d.title}」已升级至${d.orgName || '上级工会'}协调处理${withReason(d.reason)}。请配合跟进。` }),
    staff: (_e, d) => ({ title: `需求单已升级：${d.title}`, body: `需求单「${d.title}」派单多次未成，已升级至${d.orgName || '上级工会'}协调处理${withReason(d.reason)}。` }),
  },
  'service.disputed': {
    craftsman: (e, d) => ({
      title: `服务记录被提出异议：${d.title}`,
      body: `${d.enterprise}对需求单「${d.title}」中${recordText(e)}提出异议${withReason(d.reason)}。工会核实前，该记录暂不计入人次和积分。`,
    }),
    staff: (e, d) => ({ title: `服务记录异议待处理：${d.title}`, body: `${d.enterprise}对劳模工匠${d.craftsman}在需求单「${d.title}」中${recordText(e)}提出异议${withReason(d.reason)}，请核实处理。` }),
  },
  'service.dispute_decided': {
    craftsman: (e, d) => disputeOutcome(e, d, `需求单「${d.title}」中${recordText(e)}的异议`),
    enterprise: (e, d) => disputeOutcome(e, d, `您对需求单「${d.title}」中${recordText(e)}提出的异议`),
  },
  'profile_change.proposed': {
    staff: (e) => {
      const who = `${e.payload['subjectType'] === 'enterprise' ? '企业' : '劳模工匠'}${str(e.payload['subjectName']) ?? ''}`;
      return { title: `资料变更待审核：${str(e.payload['subjectName']) ?? who}`, body: `${who}申请变更${fieldsOf(e)}，请核对变更前后的内容后审核。` };
    },
  },
  'pairing.started': {
    craftsman: (e) => ({ title: `师带徒结对已建立：${pairingOf(e)}`, body: `您与${pairingOf(e)}的 ${num(e, 'apprentices')} 名徒弟结成师带徒对子，请按约定登记带徒记录与成果。` }),
    enterprise: (e) => ({ title: `师带徒结对已建立：师傅${str(e.payload['mentorName']) ?? ''}`, body: `劳模工匠${str(e.payload['mentorName']) ?? ''}将带贵企业的 ${num(e, 'apprentices')} 名徒弟，成果登记后请及时确认。` }),
  },
  'pairing.milestone_recorded': {
    enterprise: (e) => milestoneAsk(e),
    staff: (e) => milestoneAsk(e),
  },
  'pairing.milestone_decided': {
    craftsman: (e) => {
      const verdict = e.payload['confirmed'] === true ? '已确认' : '被退回';
      return { title: `带徒成果${verdict}：${str(e.payload['apprenticeName']) ?? ''}${milestoneLabel(e)}`, body: `您登记的徒弟${str(e.payload['apprenticeName']) ?? ''}「${milestoneLabel(e)}」${verdict}。` };
    },
  },
  'profile_change.decided': {
    craftsman: (e, d) => profileDecision(e, d),
    enterprise: (e, d) => profileDecision(e, d),
  },
};

const complainantText = (e: DomainEvent, d: Derived) => (e.payload['complainantRole'] === 'craftsman' ? `劳模工匠${d.craftsman}` : d.enterprise);
const complaintAbout = (e: DomainEvent) => (complaintTargets.includes(e.payload['target'] as never) ? complaintTargetLabels[e.payload['target'] as ComplaintTarget] : '服务');
const complaintCategory = (e: DomainEvent) => (complaintCategories.includes(e.payload['category'] as never) ? complaintCategoryLabels[e.payload['category'] as ComplaintCategory] : '其他');

/** `6月3日 2 小时的服务记录`, from a dispute event's payload. */
function recordText(event: DomainEvent): string {
  const day = str(event.payload['day']);
  const hours = typeof event.payload['hours'] === 'number' ? event.payload['hours'] : null;
  const when = day ? `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日` : '';
  return `${when}${hours !== null ? `${when ? ' ' : ''}${hours} 小时` : ''}的服务记录`;
}

function disputeOutcome(event: DomainEvent, d: Derived, subject: string): { title: string; body: string } {
  return event.payload['outcome'] === 'upheld'
    ? { title: `服务记录异议成立：${d.title}`, body: `工会已核实${subject}：异议成立，该记录不计入人次、时长和积分${withReason(d.reason)}。` }
    : { title: `服务记录异议未成立：${d.title}`, body: `工会已核实${subject}：异议未成立，该记录照常计入${withReason(d.reason)}。` };
}

const fieldsOf = (event: DomainEvent): string => {
  const fields = event.payload['fields'];
  return Array.isArray(fields) && fields.length ? fieldListText(fields.filter((f): f is string => typeof f === 'string')) : '资料';
};

function profileDecision(event: DomainEvent, d: Derived): { title: string; body: string } {
  return event.payload['approved'] === true
    ? { title: '资料变更已通过', body: `您申请的资料变更（${fieldsOf(event)}）已通过工会审核并生效。` }
    : { title: '资料变更未通过', body: `您申请的资料变更（${fieldsOf(event)}）未通过工会审核${withReason(d.reason)}。` };
}

function ratingOf(event: DomainEvent): number | null {
  const rating = event.payload['rating'];
  return typeof rating === 'number' && Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null;
}

const num = (e: DomainEvent, key: string) => (typeof e.payload[key] === 'number' ? (e.payload[key] as number) : 0);
const pairingOf = (e: DomainEvent) => str(e.payload['enterpriseName']) ?? '企业';
const milestoneLabel = (e: DomainEvent) => (milestoneKinds.includes(e.payload['kind'] as never) ? milestoneKindLabels[e.payload['kind'] as MilestoneKind] : '成果');
const milestoneAsk = (e: DomainEvent) => ({
  title: `带徒成果待确认：${str(e.payload['apprenticeName']) ?? ''}${milestoneLabel(e)}`,
  body: `师傅${str(e.payload['mentorName']) ?? ''}登记了徒弟${str(e.payload['apprenticeName']) ?? ''}的「${milestoneLabel(e)}」，请核实后确认或退回；确认后计入统计。`,
});

/** Whether there is a template for this event and audience. */
export const hasTemplate = (type: DomainEventType, audience: Audience): boolean => TEMPLATES[type]?.[audience] !== undefined;

/** The console page a message links to: the order, with the offer when there is one; a profile change's review page. */
export function linkFor(event: DomainEvent): string {
  if (event.type.startsWith('pairing.')) return `/pairings/${encodeURIComponent(event.aggregateId)}`;
  if (event.type.startsWith('profile_change.')) return `/profile-changes?id=${encodeURIComponent(str(event.payload['changeId']) ?? '')}`;
  const orderId = orderIdOf(event);
  if (!orderId) return '/';
  return event.aggregateType === 'offer' ? `/orders/${encodeURIComponent(orderId)}?offer=${encodeURIComponent(event.aggregateId)}` : `/orders/${encodeURIComponent(orderId)}`;
}

/** The zh-CN message for an event as one audience reads it; null when that audience is not told about it. */
export function renderNotification(event: DomainEvent, context: NotificationContext): RenderedNotification | null {
  const template = TEMPLATES[event.type]?.[context.audience];
  if (!template) return null;
  const title = context.order?.title ?? str(event.payload['title']) ?? '（未命名需求单）';
  const urgency = context.order?.urgency ?? 'normal';
  const derived: Derived = {
    title,
    enterprise: context.order?.enterpriseName ?? '企业',
    craftsman: context.craftsmanName ?? '',
    urgency: urgencyLabels[urgency],
    urgent: urgency === 'high' || urgency === 'critical',
    reason: str(event.payload['reason']) ?? '',
    orgName: context.orgName ?? '',
    ratingComment: context.order?.ratingComment ?? null,
  };
  const { title: heading, body } = template(event, derived);
  // The number closes every message, so whoever reads it (inbox, group robot) can quote it on the phone.
  const number = context.order?.number;
  return { title: heading, body: number ? `${body}需求单编号：${number}。` : body, link: linkFor(event) };
}

/** An SMS (short, signed 【匠心】) for an urgent offer; null for anything else. */
export function renderSms(event: DomainEvent, context: NotificationContext): string | null {
  if (event.type !== 'offer.made' || !context.order) return null;
  const title = context.order.title.length > 20 ? `${context.order.title.slice(0, 20)}…` : context.order.title;
  const deadline = str(event.payload['expiresAt']);
  return `【匠心】${urgencyLabels[context.order.urgency]}需求单${context.order.number ?? ''}「${title}」已派给您，请${deadline ? `于${formatChinaTime(deadline)}前` : '尽快'}登录匠心接单或婉拒。`;
}
