import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import { useAuth } from '../auth';
import type { Craftsman } from '../domain';
import { QueryState } from '../components/QueryState';
import { PointsLedger } from '../shared/PointsLedger';

/** The craftsman's own rating, completed work and points ledger. */
export default function MyPoints() {
  const { user } = useAuth();
  const id = user?.subjectId ?? '';
  const me = useQuery({ queryKey: ['craftsman', id], queryFn: () => get<Craftsman>(`/api/craftsmen/${id}`), enabled: !!id });
  return (
    <QueryState loading={me.isLoading} error={me.error}>
      {me.data && (
        <Row gutter={[12, 12]}>
          <Col xs={8}>
            <Card size="small">
              <Statistic title="服务评分" value={me.data.rating ?? '暂无'} precision={me.data.rating ? 2 : undefined} />
            </Card>
          </Col>
          <Col xs={8}>
            <Card size="small">
              <Statistic title="评价次数" value={me.data.ratingCount} />
            </Card>
          </Col>
          <Col xs={8}>
            <Card size="small">
              <Statistic title="已完成" value={me.data.completedCount} />
            </Card>
          </Col>
          <Col span={24}>
            <PointsLedger craftsmanId={id} />
          </Col>
        </Row>
      )}
    </QueryState>
  );
}
