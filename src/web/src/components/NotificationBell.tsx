import { Badge, Button, List, Popover, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { get, post } from '../api/client';
import type { Notification } from '../api/types';

/** Unread count polled every 5 s; the latest messages in a popover; a click opens the order. */
export function NotificationBell() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const unread = useQuery({ queryKey: ['unread'], queryFn: () => get<{ unreadCount: number }>('/api/notifications/unread-count'), refetchInterval: 5_000, retry: false });
  const latest = useQuery({ queryKey: ['notifications', 'latest'], queryFn: () => get<{ items: Notification[] }>('/api/notifications', { limit: 8 }), enabled: false });

  const open = async (n: Notification) => {
    if (!n.readAt) await post(`/api/notifications/${n._id}/read`).catch(() => undefined);
    void qc.invalidateQueries({ queryKey: ['unread'] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
    if (n.orderId) navigate(`/orders/${n.orderId}`);
    else if (n.link && n.link !== '/') navigate(n.link);
  };

  const content = (
    <div style={{ width: 320, maxWidth: '80vw' }}>
      {latest.isError ? (
        <Typography.Text type="secondary">消息暂不可用</Typography.Text>
      ) : (
        <List
          size="small"
          loading={latest.isFetching}
          locale={{ emptyText: '暂无消息' }}
          dataSource={latest.data?.items ?? []}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => void open(n)}>
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={<span style={{ fontSize: 12 }}>{dayjs(n.createdAt).format('MM-DD HH:mm')}</span>}
              />
            </List.Item>
          )}
        />
      )}
      <Button type="link" block onClick={() => navigate('/notifications')}>
        查看全部消息
      </Button>
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" onOpenChange={(o) => o && void latest.refetch()}>
      <Badge count={unread.data?.unreadCount ?? 0} overflowCount={99} size="small">
        <Button shape="circle" aria-label="消息" data-testid="bell">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" style={{ verticalAlign: '-3px' }}>
            <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
          </svg>
        </Button>
      </Badge>
    </Popover>
  );
}
