import { Card, Empty } from 'antd';

export default function EnterpriseForm() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
