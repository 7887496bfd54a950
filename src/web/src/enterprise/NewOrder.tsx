import { Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Switch } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { post } from '../api/client';
import { useAction } from '../api/hooks';
import { MAX_PREFERRED_WINDOWS, orderCategories, orderCategoryLabels, orderCreateSchema, serviceModeLabels, serviceModes, urgencies, urgencyLabels, type Order } from '../domain';
import { showApiIssues, validateWith } from '../forms';

interface Values {
  title: string;
  description: string;
  category?: string;
  requiredSkills: string[];
  urgency: string;
  preferredModes: string[];
  expectedBy: Dayjs | null;
  autoDispatch: boolean;
  /** 期望时段 as the native date-time fields give them (local time, `2026-06-03T09:00`). */
  preferredWindows?: { start?: string; end?: string }[];
}

/** A local `datetime-local` value as an ISO instant, or the raw text (the schema then says what is wrong). */
const instant = (value: string | undefined) => {
  const at = value ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : (value ?? '');
};

/** 企业点单: validated by the API's own `orderCreateSchema`, so the messages match the server's. */
export default function NewOrder() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const submit = useAction((body: unknown) => post<Order>('/api/orders', body), {
    success: '需求已提交，等待工会审核',
    invalidate: [['orders']],
    onSuccess: (o) => navigate(`/orders/${o._id}`),
    onError: (e) => showApiIssues(form, e),
  });

  const onFinish = (v: Values) => {
    const body = validateWith(form, orderCreateSchema, {
      title: v.title ?? '',
      description: v.description ?? '',
      category: v.category,
      requiredSkills: v.requiredSkills ?? [],
      urgency: v.urgency,
      preferredModes: v.preferredModes ?? [],
      expectedBy: v.expectedBy ? v.expectedBy.toISOString() : null,
      autoDispatch: v.autoDispatch,
      preferredWindows: (v.preferredWindows ?? []).map((w) => ({ start: instant(w.start), end: instant(w.end) })),
    });
    if (body) submit.mutate(body);
  };

  return (
    <Card title="我要点单：提交技术需求" style={{ maxWidth: 760 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ requiredSkills: [], urgency: 'normal', preferredModes: ['onsite'], expectedBy: null, autoDispatch: false }}
        data-testid="order-form"
      >
        <Form.Item label="需求标题" name="title" required>
          <Input maxLength={120} showCount placeholder="一句话说明遇到的问题" data-testid="f-title" />
        </Form.Item>
        <Form.Item label="问题描述" name="description" required>
          <Input.TextArea rows={5} placeholder="设备型号、现象、已经尝试过的办法……" data-testid="f-description" />
        </Form.Item>
        <Form.Item label="需求类别" name="category" required>
          <Select placeholder="请选择" options={orderCategories.map((c) => ({ value: c, label: orderCategoryLabels[c] }))} data-testid="f-category" />
        </Form.Item>
        <Form.Item label="所需技能（可输入多个，回车确认）" name="requiredSkills">
          <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="例如 PLC编程、数控加工" data-testid="f-skills" />
        </Form.Item>
        <Form.Item label="紧急程度" name="urgency">
          <Radio.Group options={urgencies.map((u) => ({ value: u, label: urgencyLabels[u] }))} />
        </Form.Item>
        <Form.Item label="希望的服务方式" name="preferredModes">
          <Checkbox.Group options={serviceModes.map((m) => ({ value: m, label: serviceModeLabels[m] }))} />
        </Form.Item>
        <Form.Item label="期望完成时间（选填）" name="expectedBy">
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="preferredWindows">
          {(fields, { add, remove }) => (
            <Form.Item label={`期望上门时段（选填，最多 ${MAX_PREFERRED_WINDOWS} 个）`}>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="baseline" style={{ marginBottom: 8 }} data-testid={`f-window-${i}`}>
                  <Form.Item name={[field.name, 'start']} noStyle>
                    <Input type="datetime-local" aria-label={`第 ${i + 1} 个时段开始`} data-testid={`f-window-${i}-start`} />
                  </Form.Item>
                  <span>至</span>
                  <Form.Item name={[field.name, 'end']} noStyle>
                    <Input type="datetime-local" aria-label={`第 ${i + 1} 个时段结束`} data-testid={`f-window-${i}-end`} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(field.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              {fields.length < MAX_PREFERRED_WINDOWS && (
                <Button type="dashed" block onClick={() => add({})} data-testid="f-window-add">
                  添加期望时段
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item label="允许系统自动派单" name="autoDispatch" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="f-submit">
          提交需求
        </Button>
      </Form>
    </Card>
  );
}
