import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import {
  MAX_NEGOTIATION_ROUNDS,
  appointmentTimerAt,
  attendanceOf,
  bookedSolid,
  checkPreferredWindows,
  coveredMs,
  dueAppointmentTimers,
  negotiate,
  pendingAppointmentTimers,
  type Appointment,
  type AppointmentAction,
  type AppointmentParty,
} from '../../../src/domain/orders/appointment.js';

const NOW = '2026-06-01T00:00:00.000Z';
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
const slot = (startH: number, hours = 2) => ({ start: iso(startH * HOUR), end: iso((startH + hours) * HOUR) });

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('预约 negotiation rules', () => {
  it('when steps are taken in any order by any party, then only the rule table’s moves apply, nobody confirms their own slot, and rounds never pass the limit', () => {
    const step = fc.record({ action: fc.constantFrom<AppointmentAction>('propose', 'counter', 'confirm'), party: fc.constantFrom<AppointmentParty>('craftsman', 'enterprise') });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let current: Appointment | null = null;
        steps.forEach(({ action, party }, i) => {
          let next: Appointment | null = null;
          try {
            next = negotiate(current, action, party, { at: iso(i), slot: slot(24 + i) });
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            return;
          }
          if (action === 'confirm') {
            // The confirmer is the party that did not put the slot on the table.
            expect(current?.status === 'proposed' ? 'enterprise' : 'craftsman').toBe(party);
            expect(next.slot).toEqual(current?.slot);
          } else {
            expect(party).toBe(action === 'propose' ? 'craftsman' : 'enterprise');
            expect(next.rounds).toBe((current?.rounds ?? 0) + 1);
          }
          expect(next.rounds).toBeLessThanOrEqual(MAX_NEGOTIATION_ROUNDS);
          expect(next.history).toHaveLength((current?.history.length ?? 0) + 1);
          current = next;
        });
      }),
    );
  });

  it('when nothing was proposed yet, then confirming or countering is refused with APPOINTMENT_STATE; the enterprise cannot propose', () => {
    expect(codeOf(() => negotiate(null, 'confirm', 'enterprise', { at: NOW }))).toBe('APPOINTMENT_STATE');
    expect(codeOf(() => negotiate(null, 'counter', 'enterprise', { at: NOW, slot: slot(30) }))).toBe('APPOINTMENT_STATE');
    expect(codeOf(() => negotiate(null, 'propose', 'enterprise', { at: NOW, slot: slot(30) }))).toBe('ACTION_NOT_ALLOWED');
  });
});

describe('预约 windows and slots', () => {
  it('when windows are valid, then they come back in UTC sorted by start; each broken rule names itself in Chinese', () => {
    expect(checkPreferredWindows([slot(50), { start: '2026-06-02T09:00:00+08:00', end: '2026-06-02T11:00:00+08:00' }], NOW)).toEqual([
      { start: '2026-06-02T01:00:00.000Z', end: '2026-06-02T03:00:00.000Z' },
      slot(50),
    ]);
    const message = (windows: { start: string; end: string }[]) => {
      try {
        checkPreferredWindows(windows, NOW);
        return null;
      } catch (error) {
        return (error as AppError).message;
      }
    };
    expect(message([slot(-1)])).toBe('第 1 个期望时段须在当前时间之后');
    expect(message([slot(10, 0.25)])).toBe('第 1 个期望时段至少 30 分钟');
    expect(message([slot(10, 13)])).toBe('第 1 个期望时段不超过 12 小时');
  });
});

describe('预约 timers and attendance', () => {
  const confirmed = (startH: number, confirmedAtH = 0): Appointment => ({ ...negotiate(negotiate(null, 'propose', 'craftsman', { at: NOW, slot: slot(startH) }), 'confirm', 'enterprise', { at: iso(confirmedAtH * HOUR) }) });

  it('when a slot is confirmed days ahead, then the reminder falls a day before it and attendance two hours after it ends, each due once', () => {
    const a = confirmed(72);
    expect(appointmentTimerAt(a, 'reminder')).toBe(iso(48 * HOUR));
    expect(appointmentTimerAt(a, 'attendance')).toBe(iso(76 * HOUR));
    expect(pendingAppointmentTimers({ appointment: a }, NOW).map((p) => p.timer)).toEqual(['reminder', 'attendance']);
    expect(dueAppointmentTimers({ appointment: a }, iso(50 * HOUR))).toEqual(['reminder']);
    expect(dueAppointmentTimers({ appointment: { ...a, fired: ['reminder'] } }, iso(50 * HOUR))).toEqual([]);
    // Confirmed less than a day ahead: no reminder at all.
    expect(appointmentTimerAt(confirmed(72, 60), 'reminder')).toBeNull();
  });

  it('when visits are logged, then the first one decides: by start + 15 min on time, later within the slot late, none in the slot missed', () => {
    const s = slot(10);
    expect(attendanceOf(s, [iso(10 * HOUR + 10 * 60_000)])).toBe('on_time');
    expect(attendanceOf(s, [iso(10 * HOUR + 40 * 60_000)])).toBe('late');
    expect(attendanceOf(s, [iso(13 * HOUR)])).toBe('missed');
    expect(attendanceOf(s, [])).toBe('missed');
    // A record with a day only, on the slot's day in Beijing time.
    expect(attendanceOf(s, ['2026-06-01'])).toBe('on_time');
  });

  it('when booked slots cover a window but leave less than half an hour, then the craftsman is booked solid there; a gap of an hour is not', () => {
    const window = slot(10, 4);
    expect(coveredMs([window], [slot(9, 2), slot(11, 1)])).toBe(2 * HOUR);
    expect(bookedSolid([window], [slot(10, 2), slot(12.25, 2)])).toBe(true);
    expect(bookedSolid([window], [slot(10, 2), slot(13, 1)])).toBe(false);
    expect(bookedSolid([], [slot(10)])).toBe(false);
  });
});
