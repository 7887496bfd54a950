import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { download, get } from '../api/client';
import { useAuth } from '../auth';
import { App } from 'antd';
import { errorText } from '../api/client';
import { ErrorState, QueryState } from '../components/QueryState';
import { Chart } from './Chart';
import { TargetsEditor } from './TargetsEditor';

interface Figures {
  orders: { total: number };
  problemsSolved: number;
  service: { visits: number; hours: number; trainingAttendees: number };
  enterprisesServed: number;
  satisfaction: { average: number | null; count: number };
  equity: { craftsmen: number; busiestTenthShare: number | null; gini: number | null };
  sla: { offersExpired: number; escalations: number };
}
interface Progress {
  metric: string;
  label: string;
  value: number | null;
  target: number;
  percent: number | null;
  remaining: number | null;
  daysLeft: number;
  neededPerMonth: number | null;
  neededPerDay: number | null;
  onTrack: boolean | null;
}
interface Report {
  org: { id: string; name: string };
  period: string;
  total: Figures & { targets: Progress[] | null };
  children: Array<Figures & { org: { id: string; name: string }; targets: Progress[] | null }>;
}

const metrics = [
  { value: 'problemsSolved', label: '解决问题数' },
  { value: 'serviceVisits', label: '服务企业人次' },
  { value: 'orders', label: '需求数' },
  { value: 'serviceHours', label: '服务时长' },
  { value: 'trainingAttendees', label: '培训人数' },
  { value: 'satisfaction', label: '满意度' },
];

/** The org whose figures to show: the staff member's own, or for admins the first federation org. */
export function useOrgId(): string | undefined {
  const { user } = useAuth();
  const orgs = useQuery({ queryKey: ['orgs'], queryFn: () => get<{ items: Array<{ _id: string; level: string }> }>('/api/orgs'), enabled: !user?.orgId });
  return user?.orgId ?? orgs.data?.items.find((o) => o.level === 'prefecture')?._id ?? orgs.data?.items[0]?._id;
}

/** 统计: progress against targets, per-county comparison, monthly trend, equity, exports. */
export default function StatsPage() {
  const orgId = useOrgId();
  const year = String(new Date().getFullYear());
  const report = useQuery({ queryKey: ['stats', orgId, year], queryFn: () => get<Report>(`/api/orgs/${orgId}/stats`, { period: year }), enabled: !!orgId, refetchInterval: 10_000 });
  return (
    <QueryState loading={!orgId || report.isLoading} error={report.error} feature="统计报表" retry={() => void report.refetch()}>
      {report.data && orgId && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Card title={`${report.data.org.name} · ${report.data.period} 年统计`} extra={<ExportButtons orgId={orgId} period={year} />}>
            <Headline f={report.data.total} />
          </Card>
          <Targets progress={report.data.total.targets} editor={<TargetsEditor orgId={orgId} period={year} current={Object.fromEntries((report.data.total.targets ?? []).map((p) => [p.metric, p.target]))} />} />
          <Counties report={report.data} />
          <Trend orgId={orgId} year={year} />
          <Equity f={report.data.total} />
        </Space>
      )}
    </QueryState>
  );
}

function Headline({ f }: { f: Figures }) {
  const items: Array<[string, string, number | string]> = [
    ['problemsSolved', '解决问题数', f.problemsSolved],
    ['serviceVisits', '服务企业人次', f.service.visits],
    ['enterprisesServed', '服务企业数', f.enterprisesServed],
    ['orders', '需求数', f.orders.total],
    ['serviceHours', '服务时长（小时）', f.service.hours],
    ['satisfaction', '满意度', f.satisfaction.average ?? '暂无'],
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map(([key, title, value]) => (
        <Col xs={12} md={4} key={key}>
          <Statistic title={title} value={value} data-testid={`stat-${key}`} />
        </Col>
      ))}
    </Row>
  );
}

function Targets({ progress, editor }: { progress: Progress[] | null; editor: ReactNode }) {
  return (
    <Card title="目标任务完成进度" size="small" extra={editor} data-testid="targets">
      {!progress?.length ? (
        <Typography.Text type="secondary">本年度尚未设置目标任务。</Typography.Text>
      ) : (
        <Row gutter={[24, 16]}>
          {progress.map((p) => (
            <Col xs={24} md={12} key={p.metric}>
              <Space>
                <Typography.Text strong>{p.label}</Typography.Text>
                <span>{p.value ?? 0} / {p.target}</span>
                {p.onTrack !== null && <Tag color={p.onTrack ? 'green' : 'red'}>{p.onTrack ? '进度正常' : '进度落后'}</Tag>}
              </Space>
              <Progress percent={Math.min(100, p.percent ?? 0)} status={p.onTrack === false ? 'exception' : undefined} format={() => `${p.percent ?? 0}%`} />
              {p.remaining !== null && p.remaining > 0 && (
                <Typography.Text type="secondary">
                  还差 {p.remaining}，剩余 {p.daysLeft} 天，需每月完成 {p.neededPerMonth ?? '—'}（每天 {p.neededPerDay ?? '—'}）
                </Typography.Text>
              )}
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function Counties({ report }: { report: Report }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['解决问题数', '服务企业人次'] },
      grid: { left: 40, right: 16, bottom: 40, top: 40 },
      xAxis: { type: 'category', data: report.children.map((c) => c.org.name.replace('总工会', '')), axisLabel: { interval: 0, rotate: report.children.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: '解决问题数', type: 'bar', data: report.children.map((c) => c.problemsSolved) },
        { name: '服务企业人次', type: 'bar', data: report.children.map((c) => c.service.visits) },
      ],
    }),
    [report],
  );
  if (!report.children.length) return null;
  return (
    <Card title="各下级组织对比" size="small">
      <Chart option={option} testId="county-chart" />
      <Table
        rowKey={(c) => c.org.id}
        size="small"
        pagination={false}
        dataSource={report.children}
        scroll={{ x: 600 }}
        columns={[
          { title: '组织', key: 'n', render: (_: unknown, c) => c.org.name },
          { title: '需求数', key: 'o', render: (_: unknown, c) => c.orders.total },
          { title: '解决问题数', dataIndex: 'problemsSolved' },
          { title: '服务企业人次', key: 'v', render: (_: unknown, c) => c.service.visits },
          { title: '满意度', key: 's', render: (_: unknown, c) => c.satisfaction.average ?? '—' },
        ]}
      />
    </Card>
  );
}

function Trend({ orgId, year }: { orgId: string; year: string }) {
  const [metric, setMetric] = useState('problemsSolved');
  const series = useQuery({ queryKey: ['stats', 'series', orgId, metric, year], queryFn: () => get<{ points: Array<{ period: string; value: number | null }> }>(`/api/orgs/${orgId}/stats/timeseries`, { metric, period: year, interval: 'month' }) });
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, bottom: 30, top: 20 },
      xAxis: { type: 'category', data: (series.data?.points ?? []).map((p) => p.period) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', areaStyle: {}, data: (series.data?.points ?? []).map((p) => p.value) }],
    }),
    [series.data],
  );
  return (
    <Card title="月度趋势" size="small" extra={<Select value={metric} onChange={setMetric} options={metrics} style={{ width: 150 }} />}>
      {series.isError ? <ErrorState error={series.error} feature="趋势统计" /> : <Chart option={option} testId="trend-chart" />}
    </Card>
  );
}

function Equity({ f }: { f: Figures }) {
  return (
    <Card title="服务均衡" size="small">
      <Row gutter={16}>
        <Col xs={8}><Statistic title="参与劳模工匠" value={f.equity.craftsmen} /></Col>
        <Col xs={8}><Statistic title="最忙 10% 承担人次占比" value={f.equity.busiestTenthShare === null ? '—' : `${(f.equity.busiestTenthShare * 100).toFixed(1)}%`} /></Col>
        <Col xs={8}><Statistic title="完成单数基尼系数" value={f.equity.gini ?? '—'} precision={f.equity.gini === null ? undefined : 3} /></Col>
      </Row>
    </Card>
  );
}

function ExportButtons({ orgId, period }: { orgId: string; period: string }) {
  const { message } = App.useApp();
  const run = (format: 'csv' | 'xlsx') => download(`/api/orgs/${orgId}/stats/export?format=${format}&period=${period}`, `统计-${period}.${format}`).catch((e: unknown) => void message.error(errorText(e)));
  return (
    <Space>
      <Button onClick={() => void run('csv')}>导出 CSV</Button>
      <Button onClick={() => void run('xlsx')}>导出 Excel</Button>
    </Space>
  );
}
