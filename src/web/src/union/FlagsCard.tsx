import { Alert, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../api/client';
import type { Page } from '../api/types';

interface Flagged {
  _id: string;
  name: string;
  rating: number | null;
  reviewFlag: { reasons?: Array<{ code: string; message: string }> } | null;
}

/** 退出规则: craftsmen flagged for review in reach (GET /api/craftsmen/flags); nothing when none or not available. */
export function FlagsCard() {
  const flags = useQuery({ queryKey: ['craftsmen', 'flags'], queryFn: () => get<Page<Flagged>>('/api/craftsmen/flags', { limit: 20 }), retry: false });
  if (!flags.data?.items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`${flags.data.total} 位劳模工匠触发退出规则，待复核`}
      description={
        <Space wrap>
          {flags.data.items.map((f) => (
            <Link key={f._id} to={`/craftsmen/${f._id}`}>
              <Tag color="orange">
                {f.name}：{(f.reviewFlag?.reasons ?? []).map((r) => r.message).join('；')}
              </Tag>
            </Link>
          ))}
        </Space>
      }
    />
  );
}
