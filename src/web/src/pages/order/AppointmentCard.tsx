import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Tag, Typography } from 'antd';
import { post } from '../../api/client';
import { useAction } from '../../api/hooks';
import { useAuth } from '../../auth';
import { appointmentStatusLabels, attendanceLabels, slotProposalSchema, type Order, type TimeWindow } from '../../domain';

/** `6月3日 09:00–11:00` in the browser's time zone. */
export function windowText(w: TimeWindow): string {
  const start = new Date(w.start);
  const end = new Date(w.end);
  const hm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${start.getMonth() + 1}月${start.getDate()}日 ${hm(start)}–${hm(end)}`;
}

const DURATIONS = [1, 2, 3, 4, 6, 8].map((h) => ({ value: h, label: `${h} 小时` }));

/** A slot as a phone picks it: the native date-time field and a duration. */
function SlotForm({ label, onSubmit, pending }: { label: string; onSubmit: (body: unknown) => void; pending: boolean }) {
  const [start, setStart] = useState('');
  const [hours, setHours] = useState(2);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const startAt = start ? new Date(start) : null;
    if (!startAt || Number.isNaN(startAt.getTime())) return setError('请选择上门开始时间');
    const slot = { start: startAt.toISOString(), end: new Date(startAt.getTime() + hours * 3_600_000).toISOString() };
    const parsed = slotProposalSchema.safeParse({ slot, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '时段不正确');
    setError(null);
    onSubmit(parsed.data);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input type="datetime-local" size="large" value={start} onChange={(e) => setStart(e.target.value)} aria-label="上门开始时间" data-testid="slot-start" />
      <Select size="large" value={hours} onChange={setHours} options={DURATIONS} aria-label="预计时长" data-testid="slot-hours" style={{ width: '100%' }} />
      <Input size="large" maxLength={300} placeholder="留言（选填）" value={note} onChange={(e) => setNote(e.target.value)} data-testid="slot-note" />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Button type="primary" size="large" block loading={pending} onClick={submit} data-testid="slot-submit">
        {label}
      </Button>
    </Space>
  );
}

/**
 * 预约: the enterprise's preferred windows, the slot on the table and what each party may do with it.
 * Phone-first (the craftsman's pages are used at 375 px): full-width, large controls.
 */
export function AppointmentCard({ order }: { order: Order }) {
  const { user } = useAuth();
  const invalidate = [['order', order._id], ['orders']];
  const base = `/api/orders/${order._id}/appointment`;
  const propose = useAction((body: unknown) => post<Order>(`${base}/proposals`, body), { success: '已提议上门时段，等待企业确认', invalidate });
  const counter = useAction((body: unknown) => post<Order>(`${base}/counter`, body), { success: '已另提时段，等待劳模工匠确认', invalidate });
  const confirm = useAction(() => post<Order>(`${base}/confirm`, {}), { success: '上门时段已确认，前一天会提醒双方', invalidate });
  const a = order.appointment ?? null;
  const windows = order.preferredWindows ?? [];
  const isCraftsman = user?.role === 'craftsman' && order.craftsmanId === user.subjectId;
  const isEnterprise = user?.role === 'enterprise';
  const working = order.status === 'in_progress';
  if (!a && windows.length === 0 && !(working && isCraftsman)) return null;

  const mayConfirm = working && a && ((a.status === 'proposed' && isEnterprise) || (a.status === 'countered' && isCraftsman));
  const mayPropose = working && isCraftsman && (!a || a.status !== 'proposed');
  const mayCounter = working && isEnterprise && a && a.status !== 'countered';

  return (
    <Card size="small" title="预约上门" data-testid="appointment-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {windows.length > 0 && (
          <div data-testid="preferred-windows">
            <Typography.Text type="secondary">企业期望时段：</Typography.Text>
            {windows.map((w) => (
              <Tag key={w.start}>{windowText(w)}</Tag>
            ))}
          </div>
        )}
        {a && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="时段">
              <span data-testid="appointment-slot">{windowText(a.slot)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={a.status === 'confirmed' ? 'green' : 'orange'} data-testid="appointment-status">
                {appointmentStatusLabels[a.status]}
              </Tag>
              {a.attendance && <Tag color={a.attendance === 'on_time' ? 'green' : 'red'}>{attendanceLabels[a.attendance]}</Tag>}
            </Descriptions.Item>
          </Descriptions>
        )}
        {!a && isCraftsman && working && <Alert type="info" showIcon title="接单后请与企业约定上门时间：选择时段提交，企业确认后双方前一天都会收到提醒。" />}
        {mayConfirm && (
          <Button type="primary" size="large" block loading={confirm.isPending} onClick={() => confirm.mutate(undefined)} data-testid="appointment-confirm">
            确认此时段
          </Button>
        )}
        {mayPropose && <SlotForm label={a ? '提议新的时段' : '提议上门时段'} onSubmit={(b) => propose.mutate(b)} pending={propose.isPending} />}
        {mayCounter && <SlotForm label="另提时段" onSubmit={(b) => counter.mutate(b)} pending={counter.isPending} />}
      </Space>
    </Card>
  );
}
