import { Button, Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { get } from '../api/client';
import { useRegionName } from '../api/regions';
import type { Enterprise, Page } from '../api/types';
import { ErrorState } from '../components/QueryState';

export default function EnterpriseList() {
  const navigate = useNavigate();
  const regionName = useRegionName();
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['enterprises', page], queryFn: () => get<Page<Enterprise>>('/api/enterprises', { page, limit: 20 }) });
  return (
    <Card title="企业" extra={<Button type="primary" onClick={() => navigate('/enterprises/new')}>登记企业</Button>}>
      {list.isError ? (
        <ErrorState error={list.error} />
      ) : (
        <Table<Enterprise>
          rowKey="_id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无企业' }}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
          scroll={{ x: 700 }}
          columns={[
            { title: '企业名称', dataIndex: 'name' },
            { title: '行业', dataIndex: 'industry', width: 120 },
            { title: '县市', dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
            { title: '联系人', key: 'c', width: 160, render: (_: unknown, e) => `${e.contact.name} ${e.contact.phone}` },
            { title: '', key: 'e', width: 70, render: (_: unknown, e) => <Link to={`/enterprises/${e._id}/edit`}>编辑</Link> },
          ]}
        />
      )}
    </Card>
  );
}
