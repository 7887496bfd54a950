import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import dayjs from 'dayjs';
import { isRetriable, post } from '../../api/client';
import { useAction } from '../../api/hooks';
import { resolveSchema, serviceKindLabels, serviceKinds, serviceRecordCreateSchema } from '../../domain';
import { apiFieldErrors, checkWith, type FieldErrors } from '../../forms';
import { clearPendingRecord, clearRecordDraft, holdPendingRecord, readPendingRecord, readRecordDraft, saveRecordDraft, type PendingRecord } from './pending-record';

/** The record form's values as typed (strings, as inputs hold them); the schema turns them into the API's body. */
interface RecordDraft {
  kind: string;
  date: string;
  hours: string;
  attendees: string;
  summary: string;
}

const blankRecord = (): RecordDraft => ({ kind: 'visit', date: dayjs().format('YYYY-MM-DD'), hours: '2', attendees: '', summary: '' });
/** A draft kept from before a reload, as strings (an older draft may hold numbers or nulls). */
const draftValues = (orderId: string): Partial<RecordDraft> => {
  const draft = readRecordDraft(orderId) ?? {};
  const blank = blankRecord();
  return Object.fromEntries(Object.entries(draft).filter(([k, v]) => k in blank && v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
};
const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** A labelled field with its error under it (announced with the field through aria-describedby). */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="jx-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <div id={`${id}-error`} className="jx-field-error">
          {error}
        </div>
      )}
    </div>
  );
}

const described = (id: string, error?: string) => ({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined });

/**
 * 登记服务记录: kind, date, hours, attendees (training), summary — checked by the API's schema; sent once
 * however often it is retried (an Idempotency-Key kept with the unsent record until the server answers).
 */
export function ServiceRecordForm({ orderId }: { orderId: string }) {
  const [values, setValues] = useState<RecordDraft>(() => ({ ...blankRecord(), ...draftValues(orderId) }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState<PendingRecord | null>(() => readPendingRecord(orderId));
  const save = useAction((p: PendingRecord) => post(`/api/orders/${orderId}/service-records`, p.body, { 'Idempotency-Key': p.key }), {
    success: '服务记录已登记',
    idempotent: true,
    invalidate: [['order', orderId], ['records', orderId]],
    onSuccess: () => {
      clearPendingRecord(orderId);
      clearRecordDraft(orderId);
      setPending(null);
      setValues(blankRecord());
    },
    onError: (e) => {
      // Refused (4xx) is an answer: nothing was recorded, the person corrects the form. Otherwise keep it to send again.
      if (!isRetriable(e)) {
        clearPendingRecord(orderId);
        setPending(null);
      }
      setErrors(apiFieldErrors(e) ?? {});
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

  const change = (name: keyof RecordDraft) => (event: { target: { value: string } }) => {
    const next = { ...values, [name]: event.target.value };
    setValues(next);
    saveRecordDraft(orderId, next as unknown as Record<string, unknown>);
    if (errors[name]) setErrors({ ...errors, [name]: undefined });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(serviceRecordCreateSchema, {
      kind: values.kind,
      date: values.date,
      hours: numberOrUndefined(values.hours),
      ...(values.attendees.trim() !== '' ? { attendees: Number(values.attendees) } : {}),
      summary: values.summary,
    });
    if (checked.errors) return setErrors(checked.errors);
    const held = holdPendingRecord(orderId, checked.data);
    resent.current = true;
    setPending(held);
    save.mutate(held);
  };

  const waiting = Boolean(pending) && !save.isError;
  return (
    <section className="jx-card" aria-labelledby="record-title">
      <h2 id="record-title" className="jx-h2">
        登记服务记录
      </h2>
      {pending && (
        <div className={`jx-alert ${save.isError ? 'jx-alert-error' : 'jx-alert-info'} jx-alert-row`} role={save.isError ? 'alert' : 'status'} data-testid="record-pending">
          <span>{save.isError ? '这条服务记录还没有确认送达（可放心重新提交，不会重复登记）' : '正在提交服务记录，等待服务器确认…'}</span>
          {save.isError && (
            <button type="button" className="jx-btn jx-btn-small" onClick={() => save.mutate(pending)} data-testid="record-resend">
              重新提交
            </button>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate data-testid="record-form">
        <Field id="record-kind" label="服务方式" error={errors.kind}>
          <select className="jx-input" value={values.kind} onChange={change('kind')} {...described('record-kind', errors.kind)}>
            {serviceKinds.map((k) => (
              <option key={k} value={k}>
                {serviceKindLabels[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="record-date" label="服务日期" error={errors.date}>
          <input type="date" className="jx-input" value={values.date} onChange={change('date')} {...described('record-date', errors.date)} />
        </Field>
        <Field id="record-hours-input" label="时长（小时）" error={errors.hours}>
          <input type="number" className="jx-input" min={0} max={24} step={0.5} inputMode="decimal" value={values.hours} onChange={change('hours')} {...described('record-hours-input', errors.hours)} data-testid="record-hours" />
        </Field>
        <Field id="record-attendees" label="参加人数（培训必填）" error={errors.attendees}>
          <input type="number" className="jx-input" min={0} inputMode="numeric" value={values.attendees} onChange={change('attendees')} {...described('record-attendees', errors.attendees)} />
        </Field>
        <Field id="record-summary-input" label="服务内容" error={errors.summary}>
          <textarea className="jx-input" rows={3} maxLength={2000} value={values.summary} onChange={change('summary')} {...described('record-summary-input', errors.summary)} data-testid="record-summary" />
        </Field>
        <button type="submit" className="jx-btn jx-btn-primary jx-btn-block" disabled={waiting || save.isPending} aria-busy={save.isPending} data-testid="record-submit">
          {save.isPending ? '正在登记…' : '登记'}
        </button>
      </form>
    </section>
  );
}

/** 提交解决情况. */
export function ResolveForm({ orderId }: { orderId: string }) {
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | undefined>();
  const resolve = useAction((body: unknown) => post(`/api/orders/${orderId}/resolve`, body), {
    success: '已提交解决情况',
    invalidate: [['order', orderId], ['orders']],
    onError: (e) => setError(apiFieldErrors(e)?.summary),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWith(resolveSchema, { summary });
    if (checked.errors) return setError(checked.errors.summary);
    resolve.mutate(checked.data);
  };
  return (
    <section className="jx-card" aria-labelledby="resolve-title">
      <h2 id="resolve-title" className="jx-h2">
        提交解决情况
      </h2>
      <form onSubmit={submit} noValidate>
        <Field id="resolve-summary-input" label="解决情况" error={error}>
          <textarea
            className="jx-input"
            rows={3}
            maxLength={2000}
            value={summary}
            onChange={(e) => {
              setSummary(e.target.value);
              setError(undefined);
            }}
            {...described('resolve-summary-input', error)}
            data-testid="resolve-summary"
          />
        </Field>
        <button type="submit" className="jx-btn jx-btn-primary jx-btn-block" disabled={resolve.isPending} aria-busy={resolve.isPending} data-testid="resolve-submit">
          提交解决
        </button>
      </form>
    </section>
  );
}
