import { useState } from 'react';
import { Alert, Button, Card, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useCounties } from '../api/regions';
import type { Candidate, Page } from '../api/types';
import type { Order } from '../domain';
import { UrgencyTag } from '../components/labels';
import { ErrorState } from '../components/QueryState';

interface Plan {
  _id: string;
  status: string;
  pairs: Array<{ orderId: string; craftsmanId: string; score: number; detail?: Candidate }>;
  unassigned: Array<{ orderId: string; reason: string; message: string }>;
  totalScore: number;
  certifiedOptimal: boolean;
}
interface Applied {
  offered: Array<{ orderId: string; craftsmanId: string }>;
  refused: Array<{ orderId: string; craftsmanId: string; code: string; message: string }>;
}

/** 批量派单: plan for a county or a selection of open orders → review pairs and leftovers → apply. */
export default function BatchPage() {
  const counties = useCounties();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const open = useQuery({ queryKey: ['orders', 'open', regionCode], queryFn: () => get<Page<Order>>('/api/orders', { status: 'open', regionCode, limit: 100 }) });
  const titles = new Map((open.data?.items ?? []).map((o) => [o._id, o.title]));
  const create = useAction((body: { regionCode?: string; orderIds?: string[] }) => post<Plan>('/api/dispatch/plans', body), {
    onSuccess: (p) => {
      setPlan(p);
      setApplied(null);
    },
  });
  const apply = useAction((id: string) => post<Applied>(`/api/dispatch/plans/${id}/apply`), { success: '派单方案已执行', invalidate: [['orders'], ['offers']], onSuccess: setApplied });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title="批量派单">
        <Space wrap>
          <Select allowClear placeholder="选择县市" style={{ width: 160 }} value={regionCode} onChange={setRegionCode} options={(counties.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} />
          <Button type="primary" disabled={!regionCode && selected.length === 0} loading={create.isPending} onClick={() => create.mutate(selected.length ? { orderIds: selected } : { regionCode })} data-testid="plan">
            {selected.length ? `为选中的 ${selected.length} 条需求生成方案` : '为该县市生成方案'}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          系统在每位劳模工匠的接单上限内使总匹配分最大；可先勾选部分待派单需求，只为它们试算。
        </Typography.Paragraph>
        {open.isError ? (
          <ErrorState error={open.error} />
        ) : (
          <Table<Order>
            rowKey="_id"
            size="small"
            loading={open.isLoading}
            dataSource={open.data?.items ?? []}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            pagination={{ pageSize: 10 }}
            locale={{ emptyText: '暂无待派单的需求' }}
            columns={[
              { title: '待派单需求', dataIndex: 'title', render: (t: string, o) => <Link to={`/orders/${o._id}`}>{t}</Link> },
              { title: '企业', dataIndex: 'enterpriseName' },
              { title: '紧急', dataIndex: 'urgency', width: 80, render: (u: Order['urgency']) => <UrgencyTag urgency={u} /> },
            ]}
          />
        )}
      </Card>
      {create.isError && <ErrorState error={create.error} feature="批量派单" />}
      {plan && <PlanReview plan={plan} titles={titles} applying={apply.isPending} onApply={() => apply.mutate(plan._id)} applied={applied} />}
    </Space>
  );
}

function PlanReview({ plan, titles, applying, onApply, applied }: { plan: Plan; titles: Map<string, string>; applying: boolean; onApply: () => void; applied: Applied | null }) {
  const title = (id: string) => titles.get(id) ?? id;
  return (
    <Card title={`派单方案：${plan.pairs.length} 对，总分 ${plan.totalScore.toFixed(1)}`} extra={plan.certifiedOptimal ? <Tag color="green">已证明最优</Tag> : null} data-testid="plan-review">
      <Table
        rowKey="orderId"
        size="small"
        pagination={false}
        dataSource={plan.pairs}
        locale={{ emptyText: '没有可分配的配对' }}
        columns={[
          { title: '需求', dataIndex: 'orderId', render: (id: string) => <Link to={`/orders/${id}`}>{title(id)}</Link> },
          { title: '劳模工匠', key: 'c', render: (_: unknown, p) => <Link to={`/craftsmen/${p.craftsmanId}`}>{p.detail?.name ?? p.craftsmanId}</Link> },
          { title: '得分', dataIndex: 'score', width: 70, render: (s: number) => s.toFixed(1) },
          { title: '理由', key: 'r', render: (_: unknown, p) => (p.detail?.reasons ?? []).map((r) => <Tag key={r}>{r}</Tag>) },
        ]}
      />
      {plan.unassigned.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            未分配（{plan.unassigned.length}）
          </Typography.Title>
          <Table rowKey="orderId" size="small" pagination={false} dataSource={plan.unassigned} columns={[{ title: '需求', dataIndex: 'orderId', render: (id: string) => <Link to={`/orders/${id}`}>{title(id)}</Link> }, { title: '原因', dataIndex: 'message' }]} />
        </>
      )}
      <div style={{ marginTop: 16 }}>
        {applied ? (
          <Result status="success" title={`已送单 ${applied.offered.length} 条`} subTitle={applied.refused.length ? `${applied.refused.length} 条未送出：${applied.refused.map((r) => `${title(r.orderId)}（${r.message}）`).join('；')}` : undefined} />
        ) : plan.status === 'draft' ? (
          <Button type="primary" disabled={plan.pairs.length === 0} loading={applying} onClick={onApply} data-testid="apply-plan">
            执行方案（逐对送单）
          </Button>
        ) : (
          <Alert type="info" title="该方案已执行" />
        )}
      </div>
    </Card>
  );
}
