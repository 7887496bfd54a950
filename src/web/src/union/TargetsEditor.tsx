import { useState } from 'react';
import { Button, Col, Form, InputNumber, Modal, Row } from 'antd';
import { put } from '../api/client';
import { useAction } from '../api/hooks';
import { targetMetrics, targetPutSchema } from '../domain';
import { showApiIssues, showIssues } from '../forms';

type Metric = keyof typeof targetMetrics;
const metricNames = Object.keys(targetMetrics) as Metric[];

/** 设置目标任务 for a period (PUT /api/orgs/:id/targets), checked by the API's targetPutSchema. */
export function TargetsEditor({ orgId, period, current }: { orgId: string; period: string; current: Partial<Record<Metric, number>> }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Partial<Record<Metric, number | null>>>();
  const save = useAction((body: unknown) => put(`/api/orgs/${orgId}/targets`, body), {
    success: '目标任务已保存',
    invalidate: [['stats']],
    onSuccess: () => setOpen(false),
    onError: (e) => showApiIssues(form, e),
  });
  const submit = (values: Partial<Record<Metric, number | null>>) => {
    const metrics = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
    const parsed = targetPutSchema.safeParse({ period, metrics });
    if (parsed.success) return save.mutate(parsed.data);
    // Issues sit under `metrics.<name>`; the form's fields are the names themselves.
    const issues = parsed.error.issues.map((i) => ({ ...i, path: i.path.slice(1).length ? i.path.slice(1) : [metricNames[0]!] }));
    showIssues(form, issues);
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="edit-targets">
        设置目标
      </Button>
      <Modal title={`设置 ${period} 年目标任务`} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} okText="保存" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={current} onFinish={submit}>
          <Row gutter={12}>
            {metricNames.map((m) => (
              <Col span={12} key={m}>
                <Form.Item label={targetMetrics[m].label} name={m}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
    </>
  );
}
