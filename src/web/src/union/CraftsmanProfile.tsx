import { Card, Empty } from 'antd';

export default function CraftsmanProfile() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
