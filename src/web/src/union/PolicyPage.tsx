import { Card, Empty } from 'antd';

export default function PolicyPage() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
