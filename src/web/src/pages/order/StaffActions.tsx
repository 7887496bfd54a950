import { Button, Card, Space } from 'antd';
import { post } from '../../api/client';
import { useAction } from '../../api/hooks';
import type { Order } from '../../domain';
import { ReasonButton } from '../../components/ReasonButton';
import { CandidatesPanel } from './CandidatesPanel';

/** Union staff: vet, send or re-send (送单/改派), cancel. */
export function StaffActions({ order }: { order: Order }) {
  const invalidate = [['order', order._id], ['orders']];
  const vet = useAction((body: { approve: boolean; reason?: string }) => post(`/api/orders/${order._id}/vet`, body), { success: '审核完成', invalidate });
  const cancel = useAction((reason: string) => post(`/api/orders/${order._id}/cancel`, { reason }), { success: '需求已取消', invalidate });
  const cancellable = !['closed', 'cancelled', 'rejected'].includes(order.status);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title="工会操作">
        <Space wrap>
          {order.status === 'submitted' && (
            <>
              <Button type="primary" loading={vet.isPending} onClick={() => vet.mutate({ approve: true })} data-testid="vet-approve">
                审核通过
              </Button>
              <ReasonButton danger title="驳回需求" label="驳回" placeholder="请填写驳回原因，企业会看到" onConfirm={(reason) => vet.mutateAsync({ approve: false, reason })} data-testid="vet-reject" />
            </>
          )}
          {cancellable && <ReasonButton danger title="取消需求" label="取消需求" onConfirm={(reason) => cancel.mutateAsync(reason)} data-testid="cancel" />}
        </Space>
      </Card>
      {(order.status === 'open' || order.status === 'offered') && <CandidatesPanel order={order} />}
    </Space>
  );
}
