import { useState } from 'react';
import { Button, Card, Checkbox, Col, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { get } from '../api/client';
import { useRegionName } from '../api/regions';
import type { CraftsmanHit, CraftsmanSearch } from '../api/types';
import { craftsmanStatusLabels, honorLevelLabels, serviceModeLabels, type CraftsmanStatus, type HonorLevel, type ServiceMode } from '../domain';
import { CraftsmanStatusTag } from '../components/labels';
import { Highlight } from '../components/Highlight';
import { ErrorState } from '../components/QueryState';
import { FlagsCard } from './FlagsCard';

type Facet = 'honorLevel' | 'skill' | 'trade' | 'serviceMode' | 'status' | 'regionCode';
const facetTitles: Record<Facet, string> = { honorLevel: '荣誉级别', skill: '技能', trade: '工种', serviceMode: '服务方式', status: '在库状态', regionCode: '县市' };

/** 人才库: full-text search (pinyin and synonyms), facets, highlighted matches. */
export default function CraftsmanDirectory() {
  const navigate = useNavigate();
  const regionName = useRegionName();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Partial<Record<Facet, string[]>>>({});
  const [sort, setSort] = useState('relevance');
  const [page, setPage] = useState(1);
  const search = useQuery({ queryKey: ['craftsmen', q, filters, sort, page], queryFn: () => get<CraftsmanSearch>('/api/craftsmen', { q: q || undefined, ...filters, regionCode: filters.regionCode?.[0], sort, page, limit: 20 }) });
  const facetLabel = (facet: Facet, key: string) =>
    facet === 'honorLevel' ? honorLevelLabels[key as HonorLevel] : facet === 'serviceMode' ? serviceModeLabels[key as ServiceMode] : facet === 'status' ? craftsmanStatusLabels[key as CraftsmanStatus] : facet === 'regionCode' ? regionName(key) : key;
  const toggle = (facet: Facet, values: string[]) => {
    setFilters({ ...filters, [facet]: facet === 'regionCode' ? values.slice(-1) : values });
    setPage(1);
  };

  return (
    <Card title="劳模工匠人才库" extra={<Button type="primary" onClick={() => navigate('/craftsmen/new')}>登记劳模工匠</Button>}>
      <FlagsCard />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="姓名、技能、工种、拼音或首字母，如 dianqi、PLC" style={{ width: 360 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="craftsman-search" enterButton="搜索" />
        <Select value={sort} onChange={setSort} style={{ width: 140 }} options={[{ value: 'relevance', label: '按相关度' }, { value: 'rating', label: '按评分' }, { value: 'completedCount', label: '按完成数' }]} />
      </Space>
      {search.isError ? (
        <ErrorState error={search.error} retry={() => void search.refetch()} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={6}>
            {(Object.keys(facetTitles) as Facet[]).map((facet) => {
              const counts = Object.entries(search.data?.facets[facet] ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 10);
              if (!counts.length) return null;
              return (
                <div key={facet} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{facetTitles[facet]}</Typography.Text>
                  <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }} value={filters[facet] ?? []} onChange={(v) => toggle(facet, v as string[])} options={counts.map(([k, n]) => ({ value: k, label: `${facetLabel(facet, k)}（${n}）` }))} />
                </div>
              );
            })}
          </Col>
          <Col xs={24} md={18}>
            <List<CraftsmanHit>
              loading={search.isLoading}
              dataSource={search.data?.hits ?? []}
              locale={{ emptyText: q ? `没有找到与「${q}」相关的劳模工匠` : '人才库暂无劳模工匠' }}
              pagination={{ current: page, pageSize: 20, total: search.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 人` }}
              data-testid="craftsman-results"
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/craftsmen/${c._id}`}>{c.highlight?.name ? <Highlight text={c.highlight.name} /> : c.name}</Link>
                        <CraftsmanStatusTag status={c.status} />
                        <Typography.Text type="secondary">{regionName(c.regionCode)}</Typography.Text>
                        {c.rating !== null && <Tag color="gold">评分 {c.rating.toFixed(2)}</Tag>}
                        <Tag>在办 {c.activeCount}/{c.capacity}</Tag>
                      </Space>
                    }
                    description={
                      <div>
                        <div>技能：{c.highlight?.skills ? <Highlight text={c.highlight.skills} /> : c.skills.map((s) => s.name).join('、')}</div>
                        {c.highlight?.trades && (
                          <div>
                            工种：<Highlight text={c.highlight.trades} />
                          </div>
                        )}
                        {c.highlight?.bio && (
                          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                            <Highlight text={c.highlight.bio} />
                          </Typography.Paragraph>
                        )}
                      </div>
                    }
                  />
                </List.Item>
              )}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
