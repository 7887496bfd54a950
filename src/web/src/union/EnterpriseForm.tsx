import { Button, Card, Form, Input, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useEffect } from 'react';
import { get, patch, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useCounties } from '../api/regions';
import type { Enterprise } from '../api/types';
import { enterpriseCreateSchema, enterprisePatchSchema } from '../domain';
import { QueryState } from '../components/QueryState';
import { showApiIssues, validateWith } from '../forms';

/** 登记 / 编辑企业, validated by the API's enterpriseCreateSchema / enterprisePatchSchema (信用代码校验位 included). */
export default function EnterpriseForm() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const counties = useCounties();
  const existing = useQuery({ queryKey: ['enterprise', id], queryFn: () => get<Enterprise>(`/api/enterprises/${id}`), enabled: !!id });
  useEffect(() => {
    if (existing.data) form.setFieldsValue(existing.data);
  }, [existing.data, form]);
  const save = useAction((body: unknown) => (id ? patch(`/api/enterprises/${id}`, body) : post('/api/enterprises', body)), {
    success: id ? '企业信息已保存' : '企业已登记',
    invalidate: [['enterprises']],
    onSuccess: () => navigate('/enterprises'),
    onError: (e) => showApiIssues(form, e),
  });
  const onFinish = (v: Record<string, unknown>) => {
    const { username, password, ...rest } = v;
    const values = id
      ? { name: rest.name, industry: rest.industry, regionCode: rest.regionCode, address: rest.address, contact: rest.contact }
      : { ...rest, ...(username ? { account: { username, password: password ?? '' } } : {}) };
    const body = validateWith(form, id ? enterprisePatchSchema : enterpriseCreateSchema, values);
    if (body) save.mutate(body);
  };
  return (
    <QueryState loading={!!id && existing.isLoading} error={existing.error}>
      <Card title={id ? '编辑企业' : '登记企业'} style={{ maxWidth: 760 }}>
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item label="企业名称" name="name" required><Input /></Form.Item>
          {!id && <Form.Item label="统一社会信用代码" name="creditCode" required><Input maxLength={18} /></Form.Item>}
          <Form.Item label="所属行业" name="industry" required><Input /></Form.Item>
          <Form.Item label="所在县市" name="regionCode" required><Select options={(counties.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} /></Form.Item>
          <Form.Item label="地址" name="address" required><Input /></Form.Item>
          <Space wrap>
            <Form.Item label="联系人" name={['contact', 'name']} required><Input /></Form.Item>
            <Form.Item label="联系电话" name={['contact', 'phone']} required><Input /></Form.Item>
          </Space>
          {!id && (
            <Space wrap>
              <Form.Item label="企业登录用户名（选填）" name="username"><Input autoComplete="off" /></Form.Item>
              <Form.Item label="初始密码" name="password"><Input.Password autoComplete="new-password" /></Form.Item>
            </Space>
          )}
          <div><Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button></div>
        </Form>
      </Card>
    </QueryState>
  );
}
