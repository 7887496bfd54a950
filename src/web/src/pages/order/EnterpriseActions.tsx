import { useState } from 'react';
import { Button, Card, Input, Rate, Space, Typography } from 'antd';
import { post } from '../../api/client';
import { useAction } from '../../api/hooks';
import { confirmSchema, type Order } from '../../domain';
import { ReasonButton } from '../../components/ReasonButton';

/** The enterprise: confirm and rate a resolved order, reopen it within the window, cancel before acceptance. */
export function EnterpriseActions({ order }: { order: Order }) {
  const invalidate = [['order', order._id], ['orders']];
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = useAction((body: { rating: number; comment?: string }) => post(`/api/orders/${order._id}/confirm`, body), { success: '已确认，感谢评价', invalidate });
  const reopen = useAction((reason: string) => post(`/api/orders/${order._id}/reopen`, { reason }), { success: '需求已重新打开', invalidate });
  const cancel = useAction((reason: string) => post(`/api/orders/${order._id}/cancel`, { reason }), { success: '需求已取消', invalidate });

  const submit = () => {
    const parsed = confirmSchema.safeParse({ rating, ...(comment.trim() ? { comment } : {}) });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请评分');
    setError(null);
    confirm.mutate(parsed.data);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {order.status === 'resolved' && (
        <Card size="small" title="确认解决并评价">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Rate value={rating} onChange={setRating} data-testid="rate" />
            <Input.TextArea rows={2} maxLength={1000} placeholder="评价（选填）" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="rate-comment" />
            {error && <Typography.Text type="danger">{error}</Typography.Text>}
            <Space wrap>
              <Button type="primary" loading={confirm.isPending} onClick={submit} data-testid="confirm">
                确认并评价
              </Button>
              <ReasonButton title="问题未解决，重新打开" label="未解决，重新打开" onConfirm={(r) => reopen.mutateAsync(r)} data-testid="reopen" />
            </Space>
          </Space>
        </Card>
      )}
      {order.status === 'closed' && (
        <Card size="small">
          <ReasonButton title="重新打开需求" label="问题复发，重新打开" onConfirm={(r) => reopen.mutateAsync(r)} data-testid="reopen" />
        </Card>
      )}
      {['submitted', 'open', 'offered'].includes(order.status) && (
        <Card size="small">
          <ReasonButton danger title="取消需求" label="取消需求" onConfirm={(r) => cancel.mutateAsync(r)} data-testid="cancel" />
        </Card>
      )}
    </Space>
  );
}
