import dayjs from 'dayjs';
import { orderStatusLabels, type TimelineEntry } from '../../domain';

const actionLabels: Record<string, string> = {
  submit: '企业点单',
  vet_approve: '审核通过',
  vet_reject: '审核驳回',
  offer: '工会送单',
  accept: '劳模工匠接单',
  decline: '劳模工匠拒绝',
  expire: '派单超时',
  claim: '劳模工匠主动承接',
  record_service: '登记服务记录',
  resolve: '提交解决情况',
  confirm: '企业确认评价',
  reopen: '企业重新打开',
  cancel: '取消需求',
  escalate: '升级转人工',
};

/** Who moved the order, when, from which state to which, and why. */
export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section className="jx-card" data-testid="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="jx-h2">
        流转记录
      </h2>
      <ol className="jx-timeline">
        {entries.map((e) => (
          <li key={`${e.at}-${e.action}`} className={e.to === 'cancelled' || e.to === 'rejected' ? 'jx-dot-red' : e.to === 'closed' ? 'jx-dot-green' : undefined}>
            <strong>{actionLabels[e.action] ?? e.action}</strong>
            <span className="jx-text-2"> · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}</span>
            <div>
              {e.actorName}
              {e.from ? `：${orderStatusLabels[e.from]} → ${orderStatusLabels[e.to]}` : `：${orderStatusLabels[e.to]}`}
            </div>
            {e.reason && <div className="jx-text-2">原因：{e.reason}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
