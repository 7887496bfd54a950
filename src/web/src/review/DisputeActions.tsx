import type { QueryKey } from '@tanstack/react-query';
import { post } from '../api/client';
import { useAction } from '../api/hooks';
import { isStaff, useAuth } from '../auth';
import { Tag } from '../components/labels';
import { ReasonButton } from '../components/ReasonButton';
import { disputeStatusLabels, type RecordDispute } from '../domain';

const tones = { open: 'gold', upheld: 'red', dismissed: 'green' } as const;

/** A record's dispute as everyone sees it: its state, the enterprise's reason and staff's decision. */
export function DisputeTag({ recordId, dispute }: { recordId: string; dispute: RecordDispute | null | undefined }) {
  if (!dispute) return null;
  return (
    <div data-testid={`dispute-${recordId}`}>
      <Tag tone={tones[dispute.status]}>{disputeStatusLabels[dispute.status]}</Tag>
      <span className="jx-text-2">异议：{dispute.reason}</span>
      {dispute.decisionReason && <div>处理意见：{dispute.decisionReason}</div>}
    </div>
  );
}

/**
 * What the signed-in person may do about one record: the enterprise disputes it while asked to confirm;
 * staff decide an open dispute (upheld: the record is struck; dismissed: it counts). The API decides
 * again; these only spare people buttons that would be refused.
 */
export function DisputeActions(props: { recordId: string; dispute: RecordDispute | null | undefined; orderStatus?: string; invalidate: QueryKey[] }) {
  const { user } = useAuth();
  const { recordId, dispute, invalidate } = props;
  const raise = useAction((reason: string) => post(`/api/service-records/${recordId}/dispute`, { reason }), { success: '异议已提交，工会核实前该记录不计入统计', invalidate });
  const decide = useAction((body: { uphold: boolean; reason: string }) => post(`/api/service-records/${recordId}/dispute-decision`, body), { success: '异议已处理', invalidate });
  if (user?.role === 'enterprise' && !dispute && props.orderStatus === 'resolved') {
    return <ReasonButton size="small" title="对该服务记录提出异议" label="提出异议" placeholder="请说明异议理由（如：当天未到现场）" onConfirm={(r) => raise.mutateAsync(r)} data-testid={`raise-dispute-${recordId}`} />;
  }
  if (isStaff(user?.role) && dispute?.status === 'open') {
    return (
      <div className="jx-row">
        <ReasonButton size="small" danger title="异议成立：该记录作废，不计入统计和积分" label="异议成立" placeholder="请填写核实情况" onConfirm={(r) => decide.mutateAsync({ uphold: true, reason: r })} data-testid={`uphold-${recordId}`} />
        <ReasonButton size="small" title="异议不成立：该记录照常计入" label="驳回异议" placeholder="请填写核实情况" onConfirm={(r) => decide.mutateAsync({ uphold: false, reason: r })} data-testid={`dismiss-${recordId}`} />
      </div>
    );
  }
  return null;
}
