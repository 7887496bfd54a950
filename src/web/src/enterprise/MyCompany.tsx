import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get, patch } from '../api/client';
import { useAction } from '../api/hooks';
import { useCounties, useRegionName } from '../api/regions';
import type { Enterprise, Page } from '../api/types';
import { useAuth } from '../auth';
import { QueryState } from '../components/QueryState';
import { enterprisePatchSchema, type ProfileChange } from '../domain';
import { PendingChangeAlert } from '../review/PendingChangeAlert';

type EditValues = Pick<Enterprise, 'name' | 'creditCode' | 'regionCode' | 'industry' | 'address' | 'contact'>;
const FIELDS = ['name', 'creditCode', 'regionCode', 'industry', 'address', 'contact'] as const;

/**
 * 企业资料: the enterprise keeps its contact, address and industry itself; its name, credit code and
 * region are the union's record, so a change of them goes to staff as a proposal.
 */
export default function MyCompany() {
  const { user } = useAuth();
  const id = user?.subjectId ?? '';
  const regionName = useRegionName();
  const counties = useCounties();
  const me = useQuery({ queryKey: ['enterprise', id], queryFn: () => get<Enterprise>(`/api/enterprises/${id}`), enabled: !!id });
  const pending = useQuery({ queryKey: ['profile-changes', 'pending', 'mine'], queryFn: () => get<Page<ProfileChange>>('/api/profile-changes', { status: 'pending', limit: 1 }) });
  const [form] = Form.useForm<EditValues>();
  const save = useAction((body: Record<string, unknown>) => patch<Enterprise & { pendingChange: ProfileChange | null }>(`/api/enterprises/${id}`, body), {
    invalidate: [['enterprise', id], ['profile-changes']],
  });
  const submit = (values: EditValues) => {
    const e = me.data;
    if (!e) return;
    const changed: Record<string, unknown> = {};
    for (const field of FIELDS) if (JSON.stringify(values[field]) !== JSON.stringify(e[field])) changed[field] = values[field];
    const parsed = enterprisePatchSchema.safeParse(changed);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      form.setFields([{ name: (issue?.path ?? ['name']) as ['name'], errors: [issue?.message ?? '格式不正确'] }]);
      return;
    }
    save.mutate(parsed.data);
  };
  const e = me.data;
  const proposal = pending.data?.items[0];
  return (
    <QueryState loading={me.isLoading} error={me.error}>
      {e && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title="企业资料" data-testid="my-company">
              <PendingChangeAlert proposal={proposal} />
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="企业名称">
                  <span data-testid="company-name">{e.name}</span>
                </Descriptions.Item>
                <Descriptions.Item label="统一社会信用代码">{e.creditCode}</Descriptions.Item>
                <Descriptions.Item label="所在地">{regionName(e.regionCode)}</Descriptions.Item>
                <Descriptions.Item label="所属行业">{e.industry}</Descriptions.Item>
                <Descriptions.Item label="地址">{e.address}</Descriptions.Item>
                <Descriptions.Item label="联系人">{`${e.contact.name} ${e.contact.phone}`}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="修改资料">
              <Form<EditValues> form={form} layout="vertical" initialValues={e} onFinish={submit} data-testid="company-form">
                <Form.Item name="name" label="企业名称（需工会审核）">
                  <Input maxLength={100} data-testid="c-name" />
                </Form.Item>
                <Form.Item name="creditCode" label="统一社会信用代码（需工会审核）">
                  <Input maxLength={18} />
                </Form.Item>
                <Form.Item name="regionCode" label="所在县市（需工会审核）">
                  <Select options={(counties.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} />
                </Form.Item>
                <Form.Item name="industry" label="所属行业（直接生效）">
                  <Input maxLength={40} />
                </Form.Item>
                <Form.Item name="address" label="地址（直接生效）">
                  <Input maxLength={200} data-testid="c-address" />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={['contact', 'name']} label="联系人（直接生效）">
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item name={['contact', 'phone']} label="联系电话（直接生效）">
                    <Input maxLength={20} />
                  </Form.Item>
                </Space>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {save.data?.pendingChange && <Alert type="success" showIcon message="需审核的修改已提交，工会审核通过后生效" data-testid="proposal-sent" />}
                  {save.data && !save.data.pendingChange && <Alert type="success" showIcon message="已保存" />}
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="c-save">
                    保存
                  </Button>
                </Space>
              </Form>
            </Card>
          </Col>
        </Row>
      )}
    </QueryState>
  );
}
