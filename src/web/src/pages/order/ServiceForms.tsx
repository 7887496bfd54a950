import { Button, Card, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { post } from '../../api/client';
import { useAction } from '../../api/hooks';
import { resolveSchema, serviceKindLabels, serviceKinds, serviceRecordCreateSchema, type ServiceKind } from '../../domain';
import { showApiIssues, validateWith } from '../../forms';

interface RecordValues {
  kind: ServiceKind;
  date: Dayjs | null;
  hours: number | null;
  attendees: number | null;
  summary: string;
}

/** 登记服务记录: kind, date, hours, attendees (training), summary — checked by the API's schema. */
export function ServiceRecordForm({ orderId }: { orderId: string }) {
  const [form] = Form.useForm<RecordValues>();
  const save = useAction((body: unknown) => post(`/api/orders/${orderId}/service-records`, body), {
    success: '服务记录已登记',
    invalidate: [['order', orderId], ['records', orderId]],
    onSuccess: () => form.resetFields(),
    onError: (e) => showApiIssues(form, e),
  });
  const onFinish = (v: RecordValues) => {
    const body = validateWith(form, serviceRecordCreateSchema, {
      kind: v.kind,
      date: v.date ? v.date.format('YYYY-MM-DD') : '',
      hours: v.hours ?? undefined,
      ...(v.attendees !== null && v.attendees !== undefined ? { attendees: v.attendees } : {}),
      summary: v.summary ?? '',
    });
    if (body) save.mutate(body);
  };
  return (
    <Card size="small" title="登记服务记录">
      <Form<RecordValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'visit', date: dayjs(), hours: 2, attendees: null, summary: '' }} data-testid="record-form">
        <Form.Item label="服务方式" name="kind">
          <Select options={serviceKinds.map((k) => ({ value: k, label: serviceKindLabels[k] }))} />
        </Form.Item>
        <Form.Item label="服务日期" name="date">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="时长（小时）" name="hours">
          <InputNumber min={0} max={24} step={0.5} style={{ width: '100%' }} data-testid="record-hours" />
        </Form.Item>
        <Form.Item label="参加人数（培训必填）" name="attendees">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="服务内容" name="summary">
          <Input.TextArea rows={3} maxLength={2000} data-testid="record-summary" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} block data-testid="record-submit">
          登记
        </Button>
      </Form>
    </Card>
  );
}

/** 提交解决情况. */
export function ResolveForm({ orderId }: { orderId: string }) {
  const [form] = Form.useForm<{ summary: string }>();
  const resolve = useAction((body: unknown) => post(`/api/orders/${orderId}/resolve`, body), { success: '已提交解决情况', invalidate: [['order', orderId], ['orders']], onError: (e) => showApiIssues(form, e) });
  return (
    <Card size="small" title="提交解决情况">
      <Form form={form} layout="vertical" onFinish={(v) => { const body = validateWith(form, resolveSchema, { summary: v.summary ?? '' }); if (body) resolve.mutate(body); }}>
        <Form.Item label="解决情况" name="summary">
          <Input.TextArea rows={3} maxLength={2000} data-testid="resolve-summary" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={resolve.isPending} block data-testid="resolve-submit">
          提交解决
        </Button>
      </Form>
    </Card>
  );
}
