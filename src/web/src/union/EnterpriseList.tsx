import { Card, Empty } from 'antd';

export default function EnterpriseList() {
  return (
    <Card>
      <Empty description="建设中" />
    </Card>
  );
}
