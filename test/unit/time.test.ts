import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromLocal, toLocal } from '#lib/time.ts';

describe('toLocal', () => {
  it('shows the wall clock of the zone, including odd offsets', () => {
    const instant = new Date('2026-11-23T06:00:00Z');

    expect(toLocal(instant, 'Asia/Karachi')).toEqual({ year: 2026, month: 11, day: 23, hour: 11, minute: 0 });
    expect(toLocal(instant, 'Asia/Kathmandu')).toEqual({
      year: 2026,
      month: 11,
      day: 23,
      hour: 11,
      minute: 45,
    });
    expect(toLocal(instant, 'Asia/Yangon')).toEqual({ year: 2026, month: 11, day: 23, hour: 12, minute: 30 });
  });
});

describe("the zones' clocks", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are made once per zone, not at every call: making one costs more than the rest of a reply', () => {
    toLocal(new Date(), 'Asia/Karachi');
    fromLocal({ year: 2026, month: 11, day: 23, hour: 0, minute: 0 }, 'Asia/Dubai');
    const made = vi.spyOn(Intl, 'DateTimeFormat');

    for (let minute = 0; minute < 50; minute += 1) {
      toLocal(new Date(Date.UTC(2026, 10, 23, 6, minute)), 'Asia/Karachi');
      fromLocal({ year: 2026, month: 11, day: 23, hour: 0, minute }, 'Asia/Dubai');
    }

    expect(made).not.toHaveBeenCalled();
  });
});

describe('fromLocal', () => {
  it('finds the instant a local clock shows a time', () => {
    expect(
      fromLocal({ year: 2026, month: 11, day: 23, hour: 0, minute: 0 }, 'Asia/Dubai').toISOString(),
    ).toBe('2026-11-22T20:00:00.000Z');
  });

  it('follows British summer time', () => {
    expect(
      fromLocal({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Europe/London').toISOString(),
    ).toBe('2026-07-01T08:00:00.000Z');
    expect(
      fromLocal({ year: 2026, month: 12, day: 1, hour: 9, minute: 0 }, 'Europe/London').toISOString(),
    ).toBe('2026-12-01T09:00:00.000Z');
  });

  it('rolls day 32 over into the next month', () => {
    expect(
      fromLocal({ year: 2026, month: 12, day: 32, hour: 12, minute: 0 }, 'Asia/Karachi').toISOString(),
    ).toBe('2027-01-01T07:00:00.000Z');
  });

  it('is the inverse of toLocal', () => {
    for (const zone of ['Asia/Karachi', 'Asia/Kathmandu', 'Europe/London', 'Asia/Kuwait']) {
      const instant = new Date('2026-03-29T00:30:00Z');
      expect(fromLocal(toLocal(instant, zone), zone)).toEqual(instant);
    }
  });
});
