import { Button, Card, List, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import type { Notification, Page } from '../api/types';
import { ErrorState } from '../components/QueryState';

export default function NotificationsPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications', 'all'], queryFn: () => get<Page<Notification>>('/api/notifications', { limit: 50 }) });
  const readAll = useAction(() => post('/api/notifications/read-all'), { success: '已全部标为已读', invalidate: [['notifications'], ['unread']] });
  const open = async (n: Notification) => {
    if (!n.readAt) await post(`/api/notifications/${n._id}/read`).catch(() => undefined);
    void qc.invalidateQueries({ queryKey: ['unread'] });
    if (n.orderId) navigate(`/orders/${n.orderId}`);
    else if (n.link && n.link !== '/') navigate(n.link);
    else void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
  return (
    <Card title="站内消息" extra={<Button onClick={() => readAll.mutate(undefined)}>全部标为已读</Button>}>
      {list.isError ? (
        <ErrorState error={list.error} feature="站内消息" />
      ) : (
        <List
          loading={list.isLoading}
          locale={{ emptyText: '暂无消息' }}
          dataSource={list.data?.items ?? []}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => void open(n)}>
              <List.Item.Meta title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>} description={`${n.body} · ${dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}`} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
