import { Alert, Button, Card, Col, Descriptions, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useState } from 'react';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useRegionName } from '../api/regions';
import { craftsmanStatusLabels, honorLevelLabels, serviceModeLabels, skillGradeLabels, type Craftsman, type CraftsmanStatus } from '../domain';
import { CraftsmanStatusTag } from '../components/labels';
import { QueryState } from '../components/QueryState';
import { ReasonButton } from '../components/ReasonButton';
import { PointsLedger } from '../shared/PointsLedger';

type Profile = Craftsman & { reviewFlag?: { reasons?: Array<{ code: string; message: string }>; flaggedAt?: string } | null };

/** 劳模工匠档案: honours, skills and grades, load, rating, points and service history; status and review. */
export default function CraftsmanProfile() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const regionName = useRegionName();
  const profile = useQuery({ queryKey: ['craftsman', id], queryFn: () => get<Profile>(`/api/craftsmen/${id}`) });
  const c = profile.data;
  return (
    <QueryState loading={profile.isLoading} error={profile.error}>
      {c && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card
              title={
                <Space>
                  <span data-testid="craftsman-name">{c.name}</span>
                  <CraftsmanStatusTag status={c.status} />
                </Space>
              }
              extra={<Button onClick={() => navigate(`/craftsmen/${id}/edit`)}>编辑档案</Button>}
            >
              {c.reviewFlag && <ReviewFlag id={id} flag={c.reviewFlag} />}
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label="所在地">{regionName(c.regionCode)}</Descriptions.Item>
                <Descriptions.Item label="手机">{c.phone}</Descriptions.Item>
                <Descriptions.Item label="创新工作室">{c.studio ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="服务方式">{c.serviceModes.map((m) => serviceModeLabels[m]).join('、')}</Descriptions.Item>
                <Descriptions.Item label="工种">{c.trades.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="行业">{c.industries.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="荣誉" span={2}>
                  {c.honors.length ? c.honors.map((h) => <Tag key={h.title + h.year} color={h.level === 'national' ? 'red' : h.level === 'provincial' ? 'orange' : 'blue'}>{`${h.year} ${h.title}（${honorLevelLabels[h.level]}）`}</Tag>) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="技能与等级" span={2}>
                  {c.skills.map((s) => <Tag key={s.name}>{`${s.name} · ${skillGradeLabels[s.grade] ?? s.grade}`}</Tag>)}
                </Descriptions.Item>
                <Descriptions.Item label="简介" span={2}>{c.bio || '—'}</Descriptions.Item>
                {c.statusReason && <Descriptions.Item label="状态说明" span={2}>{c.statusReason}</Descriptions.Item>}
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Card size="small">
                <Row gutter={8}>
                  <Col span={8}><Statistic title="评分" value={c.rating ?? '暂无'} precision={c.rating ? 2 : undefined} /></Col>
                  <Col span={8}><Statistic title="在办/上限" value={`${c.activeCount}/${c.capacity}`} /></Col>
                  <Col span={8}><Statistic title="已完成" value={c.completedCount} /></Col>
                </Row>
              </Card>
              <StatusCard id={id} status={c.status} />
            </Space>
          </Col>
          <Col span={24}>
            <PointsLedger craftsmanId={id} />
          </Col>
        </Row>
      )}
    </QueryState>
  );
}

function StatusCard({ id, status }: { id: string; status: CraftsmanStatus }) {
  const [next, setNext] = useState<CraftsmanStatus>(status === 'active' ? 'suspended' : 'active');
  const change = useAction((reason: string) => post(`/api/craftsmen/${id}/status`, { status: next, reason }), { success: '在库状态已变更', invalidate: [['craftsman', id], ['craftsmen']] });
  return (
    <Card size="small" title="在库状态">
      <Space wrap>
        <Select value={next} onChange={setNext} style={{ width: 140 }} options={(Object.keys(craftsmanStatusLabels) as CraftsmanStatus[]).filter((s) => s !== status).map((s) => ({ value: s, label: craftsmanStatusLabels[s] }))} />
        <ReasonButton title={`变更为「${craftsmanStatusLabels[next]}」`} label={next === 'active' ? '恢复' : '变更'} danger={next !== 'active'} onConfirm={(r) => change.mutateAsync(r)} data-testid="status-change" />
      </Space>
    </Card>
  );
}

function ReviewFlag({ id, flag }: { id: string; flag: NonNullable<Profile['reviewFlag']> }) {
  const review = useAction((v: { decision: 'suspend' | 'clear'; reason: string }) => post(`/api/craftsmen/${id}/review`, v), { success: '复核意见已记录', invalidate: [['craftsman', id]] });
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title="触发退出规则，待复核"
      description={<Typography.Text data-testid="flag-reasons">{(flag.reasons ?? []).map((r) => r.message).join('；') || '评分或差评触发退出规则'}</Typography.Text>}
      action={
        <Space orientation="vertical">
          <ReasonButton size="small" danger title="停用该劳模工匠" label="停用" onConfirm={(reason) => review.mutateAsync({ decision: 'suspend', reason })} />
          <ReasonButton size="small" title="解除标记" label="解除标记" onConfirm={(reason) => review.mutateAsync({ decision: 'clear', reason })} />
        </Space>
      }
    />
  );
}
