import { Card, Empty } from 'antd';

export default function StatsPage() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
