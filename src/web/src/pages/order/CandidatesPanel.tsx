import { useState } from 'react';
import { Alert, Button, Card, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, get, post } from '../../api/client';
import { useAction } from '../../api/hooks';
import type { Candidate, CraftsmanSearch } from '../../api/types';
import type { Order } from '../../domain';
import { ErrorState } from '../../components/QueryState';

function useOffer(order: Order) {
  return useAction((craftsmanId: string) => post(`/api/orders/${order._id}/offers`, { craftsmanId }), {
    success: order.status === 'offered' ? '已改派' : '已送单',
    invalidate: [['order', order._id], ['orders'], ['offers']],
  });
}

function candidatesOf(data: unknown): Candidate[] {
  if (!data) return [];
  if (Array.isArray(data)) return data as Candidate[];
  const d = data as { items?: Candidate[]; candidates?: Candidate[] };
  return d.items ?? d.candidates ?? [];
}

/** The ranked candidates with factor contributions and reasons; one click sends the order (送单). */
export function CandidatesPanel({ order }: { order: Order }) {
  const candidates = useQuery({ queryKey: ['candidates', order._id, order.status], queryFn: () => get<unknown>(`/api/orders/${order._id}/candidates`, { limit: 10 }) });
  const offer = useOffer(order);
  const missing = candidates.error instanceof ApiError && candidates.error.missingRoute;
  const list = candidatesOf(candidates.data);
  const title = order.status === 'offered' ? '改派：推荐的劳模工匠' : '送单：推荐的劳模工匠';

  return (
    <Card title={title} size="small" data-testid="candidates">
      {missing ? (
        <Alert type="info" showIcon title="智能推荐暂未开放（服务端暂无候选人接口），请在下方人才库中选择劳模工匠送单。" style={{ marginBottom: 12 }} data-testid="candidates-missing" />
      ) : candidates.isError ? (
        <ErrorState error={candidates.error} retry={() => void candidates.refetch()} />
      ) : (
        <Table<Candidate>
          rowKey="craftsmanId"
          size="small"
          loading={candidates.isLoading}
          dataSource={list}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: '没有符合条件的劳模工匠' }}
          columns={[
            { title: '#', key: 'rank', width: 40, render: (_: unknown, __: Candidate, i: number) => i + 1 },
            { title: '劳模工匠', dataIndex: 'name', width: 100, render: (n: string, c) => <Link to={`/craftsmen/${c.craftsmanId}`}>{n}</Link> },
            { title: '得分', dataIndex: 'total', width: 70, render: (t: number) => <Typography.Text strong>{t.toFixed(1)}</Typography.Text> },
            { title: '各项贡献', key: 'factors', render: (_: unknown, c) => <FactorBars candidate={c} /> },
            { title: '推荐理由', dataIndex: 'reasons', render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>) },
            {
              title: '',
              key: 'act',
              width: 90,
              fixed: 'right',
              render: (_: unknown, c, i) => (
                <Button type={i === 0 ? 'primary' : 'default'} size="small" loading={offer.isPending && offer.variables === c.craftsmanId} onClick={() => offer.mutate(c.craftsmanId)} data-testid={`offer-${i}`}>
                  {order.status === 'offered' ? '改派' : '送单'}
                </Button>
              ),
            },
          ]}
        />
      )}
      <CraftsmanPicker order={order} onPick={(id) => offer.mutate(id)} busy={offer.isPending} />
    </Card>
  );
}

function FactorBars({ candidate }: { candidate: Candidate }) {
  const max = Math.max(1, ...candidate.factors.map((f) => f.contribution));
  return (
    <div style={{ minWidth: 200 }}>
      {candidate.factors
        .filter((f) => f.weight > 0)
        .map((f) => (
          <Tooltip key={f.factor} title={`${f.label}：取值 ${f.value}，权重 ${f.weight}，贡献 ${f.contribution} 分`}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 12, lineHeight: '16px' }}>
              <span style={{ width: 84, flex: 'none' }}>{f.label}</span>
              <Progress percent={(f.contribution / max) * 100} showInfo={false} size="small" style={{ margin: 0, flex: 1 }} />
              <span style={{ width: 36, textAlign: 'right' }}>{f.contribution.toFixed(1)}</span>
            </div>
          </Tooltip>
        ))}
    </div>
  );
}

/** Search the talent pool (name, pinyin, skills) and send the order to whoever is picked. */
function CraftsmanPicker({ order, onPick, busy }: { order: Order; onPick: (id: string) => void; busy: boolean }) {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | undefined>();
  const search = useQuery({ queryKey: ['craftsmen', 'pick', q], queryFn: () => get<CraftsmanSearch>('/api/craftsmen', { q: q || undefined, status: 'active', limit: 20 }) });
  return (
    <Space wrap style={{ marginTop: 12 }}>
      <Typography.Text>从人才库选择：</Typography.Text>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        style={{ width: 280 }}
        placeholder="输入姓名、技能或拼音搜索"
        value={picked}
        onChange={setPicked}
        loading={search.isFetching}
        notFoundContent={search.isError ? '人才库暂不可用' : '没有找到'}
        options={(search.data?.hits ?? []).map((c) => ({ value: c._id, label: `${c.name}（${c.skills.map((s) => s.name).slice(0, 3).join('、')}）` }))}
        data-testid="craftsman-picker"
      />
      <Button disabled={!picked} loading={busy} onClick={() => picked && onPick(picked)} data-testid="picker-offer">
        {order.status === 'offered' ? '改派给此人' : '送单给此人'}
      </Button>
    </Space>
  );
}
