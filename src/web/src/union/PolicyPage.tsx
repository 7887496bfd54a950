import { useEffect } from 'react';
import { Button, Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get, put } from '../api/client';
import { useAction } from '../api/hooks';
import { useAuth } from '../auth';
import { matchFactorLabels, matchFactors, urgencies, urgencyLabels, type MatchingPolicy } from '../domain';
import { QueryState } from '../components/QueryState';
import { showApiIssues } from '../forms';

interface PolicyDoc {
  orgId: string;
  own: Partial<MatchingPolicy> | null;
  effective: MatchingPolicy;
}

/** 匹配策略: the org's weights and dispatch rules (what it leaves unset is inherited). */
export default function PolicyPage() {
  const { user } = useAuth();
  const orgId = user?.orgId ?? 'org_522700';
  const [form] = Form.useForm<MatchingPolicy>();
  const policy = useQuery({ queryKey: ['policy', orgId], queryFn: () => get<PolicyDoc>(`/api/orgs/${orgId}/matching-policy`) });
  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data.effective);
  }, [policy.data, form]);
  const save = useAction((body: MatchingPolicy) => put<PolicyDoc>(`/api/orgs/${orgId}/matching-policy`, body), { success: '匹配策略已保存', invalidate: [['policy', orgId]], onError: (e) => showApiIssues(form, e) });
  return (
    <QueryState loading={policy.isLoading} error={policy.error} feature="匹配策略">
      <Card title="匹配策略" extra={<Typography.Text type="secondary">{policy.data?.own ? '本级已单独设置' : '当前沿用上级或默认策略'}</Typography.Text>}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Typography.Title level={5}>各因素权重（0–10）</Typography.Title>
          <Row gutter={16}>
            {matchFactors.map((f) => (
              <Col xs={12} md={6} key={f}>
                <Form.Item label={matchFactorLabels[f]} name={['weights', f]}><InputNumber min={0} max={10} step={0.5} style={{ width: '100%' }} /></Form.Item>
              </Col>
            ))}
          </Row>
          <Typography.Title level={5}>派单响应期限（分钟）</Typography.Title>
          <Row gutter={16}>
            {urgencies.map((u) => (
              <Col xs={12} md={6} key={u}>
                <Form.Item label={urgencyLabels[u]} name={['offerDeadlineMinutes', u]}><InputNumber min={5} max={20160} style={{ width: '100%' }} /></Form.Item>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}><Form.Item label="自动派单最低分（0–100）" name="minScore"><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label="连续未接单次数上限" name="maxAutoDispatchAttempts"><InputNumber min={1} max={10} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label="评分先验权重" name="ratingPriorWeight"><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label="评分先验均值" name="ratingPriorMean"><InputNumber min={1} max={5} step={0.1} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label="派单均衡窗口（天）" name="recencyWindowDays"><InputNumber min={1} max={365} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending}>保存本级策略</Button>
        </Form>
      </Card>
    </QueryState>
  );
}
