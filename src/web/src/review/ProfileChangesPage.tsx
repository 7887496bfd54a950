import { useState } from 'react';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useRegionName } from '../api/regions';
import type { Page } from '../api/types';
import { isStaff, useAuth } from '../auth';
import { ErrorState } from '../components/QueryState';
import { ReasonButton } from '../components/ReasonButton';
import { profileChangeStatusLabels, type ProfileChange, type ProfileChangeStatus } from '../domain';
import { fieldLabel, profileValueText } from './profileValues';

const statusColors: Record<ProfileChangeStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };
const subjectLabels = { craftsman: '劳模工匠', enterprise: '企业' } as const;

/** Each proposed field with what is stored now and what is asked for. */
function ChangeDiff({ change }: { change: ProfileChange }) {
  const regionName = useRegionName();
  return (
    <div data-testid={`diff-${change._id}`}>
      {Object.entries(change.changes).map(([field, c]) => (
        <div key={field} className="jx-diff-row">
          <Typography.Text strong>{fieldLabel(field)}</Typography.Text>：<Typography.Text delete type="secondary">{profileValueText(field, c.from, regionName)}</Typography.Text>
          {' → '}
          <Typography.Text mark>{profileValueText(field, c.to, regionName)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

function Decide({ change }: { change: ProfileChange }) {
  const invalidate = [['profile-changes']];
  const approve = useAction(() => post(`/api/profile-changes/${change._id}/decision`, { approve: true }), { success: '已通过，变更已生效', invalidate });
  const reject = useAction((reason: string) => post(`/api/profile-changes/${change._id}/decision`, { approve: false, reason }), { success: '已驳回', invalidate });
  return (
    <Space wrap>
      <Button type="primary" size="small" loading={approve.isPending} onClick={() => approve.mutate(undefined)} data-testid={`approve-${change._id}`}>
        通过
      </Button>
      <ReasonButton size="small" danger title="驳回资料变更" label="驳回" placeholder="请填写驳回原因（将告知申请人）" onConfirm={(r) => reject.mutateAsync(r)} data-testid={`reject-${change._id}`} />
    </Space>
  );
}

/**
 * 资料变更: staff review the proposals of craftsmen and enterprises in reach (difference shown, approve or
 * reject with a reason); a craftsman or an enterprise follows its own proposals and their outcome.
 */
export default function ProfileChangesPage() {
  const { user } = useAuth();
  const staff = isStaff(user?.role);
  const [params] = useSearchParams();
  const focus = params.get('id');
  const [status, setStatus] = useState<ProfileChangeStatus | 'all'>(staff && !focus ? 'pending' : 'all');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['profile-changes', status, page],
    queryFn: () => get<Page<ProfileChange>>('/api/profile-changes', { status: status === 'all' ? undefined : status, page, limit: 20 }),
  });
  return (
    <Card
      title={staff ? '资料变更审核' : '我的资料变更'}
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as ProfileChangeStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'approved', label: '已通过' },
            { value: 'rejected', label: '已驳回' },
            { value: 'all', label: '全部' },
          ]}
          data-testid="change-status-filter"
        />
      }
      data-testid="profile-changes"
    >
      {list.isError ? (
        <ErrorState error={list.error} feature="资料变更" />
      ) : (
        <Table<ProfileChange>
          rowKey="_id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          rowClassName={(c) => (c._id === focus ? 'jx-row-focus' : '')}
          locale={{ emptyText: staff ? '没有需要审核的资料变更' : '暂无资料变更申请' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          scroll={{ x: true }}
          columns={[
            ...(staff
              ? [
                  {
                    title: '申请对象',
                    key: 'subject',
                    render: (_: unknown, c: ProfileChange) => (
                      <>
                        <Tag>{subjectLabels[c.subjectType]}</Tag>
                        {c.subjectName}
                      </>
                    ),
                  },
                ]
              : []),
            { title: '变更内容（原 → 新）', key: 'changes', render: (_: unknown, c: ProfileChange) => <ChangeDiff change={c} /> },
            { title: '提交', key: 'proposed', render: (_: unknown, c: ProfileChange) => `${c.proposedByName} · ${dayjs(c.updatedAt).format('MM-DD HH:mm')}` },
            {
              title: '状态',
              key: 'status',
              render: (_: unknown, c: ProfileChange) => (
                <div data-testid={`change-status-${c._id}`}>
                  <Tag color={statusColors[c.status]}>{profileChangeStatusLabels[c.status]}</Tag>
                  {c.decisionReason && <div>原因：{c.decisionReason}</div>}
                </div>
              ),
            },
            ...(staff ? [{ title: '审核', key: 'decide', render: (_: unknown, c: ProfileChange) => (c.status === 'pending' ? <Decide change={c} /> : c.decidedAt ? dayjs(c.decidedAt).format('MM-DD HH:mm') : null) }] : []),
          ]}
        />
      )}
    </Card>
  );
}
