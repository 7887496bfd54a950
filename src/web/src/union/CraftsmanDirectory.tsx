import { Card, Empty } from 'antd';

export default function CraftsmanDirectory() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
