import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { isRetriable, post } from '../../api/client';
import { useAction } from '../../api/hooks';
import { resolveSchema, serviceKindLabels, serviceKinds, serviceRecordCreateSchema, type ServiceKind } from '../../domain';
import { showApiIssues, validateWith } from '../../forms';
import { clearPendingRecord, clearRecordDraft, holdPendingRecord, readPendingRecord, readRecordDraft, saveRecordDraft, type PendingRecord } from './pending-record';

interface RecordValues {
  kind: ServiceKind;
  date: Dayjs | null;
  hours: number | null;
  attendees: number | null;
  summary: string;
}

/** 登记服务记录: kind, date, hours, attendees (training), summary — checked by the API's schema; sent once however often it is retried. */
export function ServiceRecordForm({ orderId }: { orderId: string }) {
  const [form] = Form.useForm<RecordValues>();
  const [pending, setPending] = useState<PendingRecord | null>(() => readPendingRecord(orderId));
  const save = useAction((p: PendingRecord) => post(`/api/orders/${orderId}/service-records`, p.body, { 'Idempotency-Key': p.key }), {
    success: '服务记录已登记',
    idempotent: true,
    invalidate: [['order', orderId], ['records', orderId]],
    onSuccess: () => {
      clearPendingRecord(orderId);
      clearRecordDraft(orderId);
      setPending(null);
      form.resetFields();
    },
    onError: (e) => {
      // Refused (4xx) is an answer: nothing was recorded, the person corrects the form. Otherwise keep it to send again.
      if (!isRetriable(e)) {
        clearPendingRecord(orderId);
        setPending(null);
      }
      showApiIssues(form, e);
    },
  });
  // Left over from before a reload or a lost connection: send it again with the same key, once per mount.
  const resent = useRef(false);
  useEffect(() => {
    if (pending && !resent.current) {
      resent.current = true;
      save.mutate(pending);
    }
  }, [pending, save]);
  const onFinish = (v: RecordValues) => {
    const body = validateWith(form, serviceRecordCreateSchema, {
      kind: v.kind,
      date: v.date ? v.date.format('YYYY-MM-DD') : '',
      hours: v.hours ?? undefined,
      ...(v.attendees !== null && v.attendees !== undefined ? { attendees: v.attendees } : {}),
      summary: v.summary ?? '',
    });
    if (!body) return;
    const held = holdPendingRecord(orderId, body);
    resent.current = true;
    setPending(held);
    save.mutate(held);
  };
  const draft = readRecordDraft(orderId);
  const initialValues = { kind: 'visit' as const, hours: 2, attendees: null, summary: '', ...draft, date: draft?.date ? dayjs(String(draft.date)) : dayjs() };
  return (
    <Card size="small" title="登记服务记录">
      {pending && (
        <Alert
          type={save.isError ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="record-pending"
          title={save.isError ? '这条服务记录还没有确认送达（可放心重新提交，不会重复登记）' : '正在提交服务记录，等待服务器确认…'}
          action={
            save.isError ? (
              <Button size="small" onClick={() => save.mutate(pending)} data-testid="record-resend">
                重新提交
              </Button>
            ) : undefined
          }
        />
      )}
      <Form<RecordValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(_, all) => saveRecordDraft(orderId, { ...all, date: all.date ? all.date.format('YYYY-MM-DD') : null })}
        initialValues={initialValues}
        data-testid="record-form"
      >
        <Form.Item label="服务方式" name="kind">
          <Select options={serviceKinds.map((k) => ({ value: k, label: serviceKindLabels[k] }))} />
        </Form.Item>
        <Form.Item label="服务日期" name="date">
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item label="时长（小时）" name="hours">
          <InputNumber min={0} max={24} step={0.5} style={{ width: '100%' }} inputMode="decimal" data-testid="record-hours" />
        </Form.Item>
        <Form.Item label="参加人数（培训必填）" name="attendees">
          <InputNumber min={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item label="服务内容" name="summary">
          <Input.TextArea rows={3} maxLength={2000} data-testid="record-summary" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={Boolean(pending) && !save.isError} block size="large" data-testid="record-submit">
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
