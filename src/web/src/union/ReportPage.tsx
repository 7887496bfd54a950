import { App, Button, Card, DatePicker, Segmented, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { download, errorText, tokenStore, withQuery } from '../api/client';
import { QueryState } from '../components/QueryState';
import { useOrgId } from './StatsPage';

type Grain = 'year' | 'quarter' | 'month' | 'range';

/** The query of the report: a period (2026, 2026Q3, 2026-07) or a range (a plan period such as 2021-01-01 … 2025-12-31). */
function reportQuery(grain: Grain, day: Dayjs, range: [Dayjs, Dayjs]): Record<string, string> {
  if (grain === 'range') return { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  if (grain === 'year') return { period: day.format('YYYY') };
  if (grain === 'quarter') return { period: `${day.year()}Q${Math.floor(day.month() / 3) + 1}` };
  return { period: day.format('YYYY-MM') };
}

/** Fetches the printable page with the signed-in token (an iframe cannot send one itself). */
async function fetchReportHtml(orgId: string, query: Record<string, string>): Promise<string> {
  const token = tokenStore.get();
  const res = await fetch(withQuery(`/api/orgs/${orgId}/report/html`, query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `报告加载失败（${res.status}）`);
  }
  return res.text();
}

/**
 * 期间报告: the page the engine renders for printing (A4, two pages at most), shown as it will print;
 * 打印 prints that page from the browser, 下载 PDF asks the engine to print it with Chromium.
 */
export default function ReportPage() {
  const { message } = App.useApp();
  const orgId = useOrgId();
  const [grain, setGrain] = useState<Grain>('year');
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs('2021-01-01'), dayjs('2025-12-31')]);
  const frame = useRef<HTMLIFrameElement>(null);
  const query = reportQuery(grain, day, range);
  const html = useQuery({ queryKey: ['report-html', orgId, query], queryFn: () => fetchReportHtml(orgId as string, query), enabled: !!orgId });
  const pdfName = `工作报告-${query.period ?? `${query.from}-${query.to}`}.pdf`;

  return (
    <Card
      title="期间工作报告"
      extra={
        <Space wrap>
          <Button onClick={() => frame.current?.contentWindow?.print()} disabled={!html.data} data-testid="report-print">
            打印
          </Button>
          <Button type="primary" disabled={!orgId} onClick={() => void download(withQuery(`/api/orgs/${orgId}/report/pdf`, query), pdfName).catch((e: unknown) => void message.error(errorText(e)))} data-testid="report-pdf">
            下载 PDF
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Grain> value={grain} onChange={setGrain} options={[{ label: '年度', value: 'year' }, { label: '季度', value: 'quarter' }, { label: '月度', value: 'month' }, { label: '自定义（规划期）', value: 'range' }]} />
        {grain === 'range' ? (
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        ) : (
          <DatePicker picker={grain} value={day} allowClear={false} onChange={(v) => v && setDay(v)} />
        )}
        <Typography.Text type="secondary">A4 纵向，两页以内；打印时请选择“实际大小”。</Typography.Text>
      </Space>
      <QueryState loading={!orgId || html.isLoading} error={html.error} feature="期间工作报告" retry={() => void html.refetch()}>
        {html.data && <iframe ref={frame} title="期间工作报告" srcDoc={html.data} sandbox="allow-modals allow-same-origin" style={{ width: '100%', height: '80vh', border: 0 }} data-testid="report-frame" />}
      </QueryState>
    </Card>
  );
}
