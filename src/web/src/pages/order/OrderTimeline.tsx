import { Card, Timeline, Typography } from 'antd';
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
    <Card title="流转记录" size="small" data-testid="timeline">
      <Timeline
        items={entries.map((e) => ({
          key: `${e.at}-${e.action}`,
          color: e.to === 'cancelled' || e.to === 'rejected' ? 'red' : e.to === 'closed' ? 'green' : 'blue',
          content: (
            <div>
              <Typography.Text strong>{actionLabels[e.action] ?? e.action}</Typography.Text>
              <Typography.Text type="secondary"> · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
              <div>
                {e.actorName}
                {e.from ? `：${orderStatusLabels[e.from]} → ${orderStatusLabels[e.to]}` : `：${orderStatusLabels[e.to]}`}
              </div>
              {e.reason && <Typography.Text type="secondary">原因：{e.reason}</Typography.Text>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
