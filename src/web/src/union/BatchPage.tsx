import { Card, Empty } from 'antd';

export default function BatchPage() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
