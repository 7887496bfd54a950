import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get, patch } from '../api/client';
import { useAction } from '../api/hooks';
import { useRegionName } from '../api/regions';
import type { Page } from '../api/types';
import { useAuth } from '../auth';
import { QueryState } from '../components/QueryState';
import { craftsmanPatchSchema, honorLevelLabels, serviceModeLabels, skillGradeLabels, type Craftsman, type ProfileChange } from '../domain';
import { PendingChangeAlert } from '../review/PendingChangeAlert';

interface EditValues {
  phone: string;
  bio: string;
  capacity: number;
  studio: string;
}

/**
 * 我的档案: the craftsman keeps its phone and bio itself; capacity and studio (like region, honours and
 * skill grades) are the union's record, so a change of them is sent as a proposal for staff to approve.
 */
export default function MyProfile() {
  const { user } = useAuth();
  const id = user?.subjectId ?? '';
  const regionName = useRegionName();
  const me = useQuery({ queryKey: ['craftsman', id], queryFn: () => get<Craftsman>(`/api/craftsmen/${id}`), enabled: !!id });
  const pending = useQuery({ queryKey: ['profile-changes', 'pending', 'mine'], queryFn: () => get<Page<ProfileChange>>('/api/profile-changes', { status: 'pending', limit: 1 }) });
  const [form] = Form.useForm<EditValues>();
  const save = useAction((body: Record<string, unknown>) => patch<Craftsman & { pendingChange: ProfileChange | null }>(`/api/craftsmen/${id}`, body), {
    invalidate: [['craftsman', id], ['profile-changes']],
  });

  const submit = (values: EditValues) => {
    const c = me.data;
    if (!c) return;
    const studio = values.studio.trim() === '' ? null : values.studio.trim();
    const changed: Record<string, unknown> = {};
    if (values.phone !== c.phone) changed.phone = values.phone;
    if (values.bio !== c.bio) changed.bio = values.bio;
    if (values.capacity !== c.capacity) changed.capacity = values.capacity;
    if (studio !== c.studio) changed.studio = studio;
    const parsed = craftsmanPatchSchema.safeParse(changed);
    if (!parsed.success) {
      form.setFields([{ name: (parsed.error.issues[0]?.path[0] as keyof EditValues) ?? 'phone', errors: [parsed.error.issues[0]?.message ?? '格式不正确'] }]);
      return;
    }
    save.mutate(parsed.data);
  };
  const c = me.data;
  const proposal = pending.data?.items[0];
  return (
    <QueryState loading={me.isLoading} error={me.error}>
      {c && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title="我的档案" data-testid="my-profile">
              <PendingChangeAlert proposal={proposal} />
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
                <Descriptions.Item label="所在地">{regionName(c.regionCode)}</Descriptions.Item>
                <Descriptions.Item label="手机">{c.phone}</Descriptions.Item>
                <Descriptions.Item label="同时承接上限">
                  <span data-testid="my-capacity">{c.capacity}</span>
                </Descriptions.Item>
                <Descriptions.Item label="创新工作室">
                  <span data-testid="my-studio">{c.studio ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label="技能">{c.skills.map((s) => `${s.name}·${skillGradeLabels[s.grade] ?? s.grade}`).join('；')}</Descriptions.Item>
                <Descriptions.Item label="荣誉">
                  {c.honors.length ? c.honors.map((h) => <Tag key={`${h.title}${h.year}`}>{`${h.title}（${honorLevelLabels[h.level]}，${h.year}）`}</Tag>) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="服务方式">{c.serviceModes.map((m) => serviceModeLabels[m]).join('、')}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="修改资料">
              <Form<EditValues>
                form={form}
                layout="vertical"
                initialValues={{ phone: c.phone, bio: c.bio, capacity: c.capacity, studio: c.studio ?? '' }}
                onFinish={submit}
                data-testid="profile-form"
              >
                <Form.Item name="phone" label="手机号（直接生效）">
                  <Input maxLength={11} data-testid="p-phone" />
                </Form.Item>
                <Form.Item name="bio" label="简介（直接生效）">
                  <Input.TextArea rows={3} maxLength={2000} data-testid="p-bio" />
                </Form.Item>
                <Form.Item name="capacity" label="同时承接上限（需工会审核）">
                  <InputNumber min={1} max={20} precision={0} data-testid="p-capacity" />
                </Form.Item>
                <Form.Item name="studio" label="创新工作室（需工会审核）">
                  <Input maxLength={80} data-testid="p-studio" />
                </Form.Item>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {save.data?.pendingChange && <Alert type="success" showIcon message="需审核的修改已提交，工会审核通过后生效" data-testid="proposal-sent" />}
                  {save.data && !save.data.pendingChange && <Alert type="success" showIcon message="已保存" />}
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="p-save">
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
