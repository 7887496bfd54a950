import { Card, Empty } from 'antd';

export default function CraftsmanForm() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
