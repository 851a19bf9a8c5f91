/** Wall-clock time in a market's zone, and back to UTC, with the platform's own time-zone data (Intl). */

export interface LocalDateTime {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * One formatter per zone, made on first use: making an Intl.DateTimeFormat costs about as much as the rest of
 * an order-status reply (a CPU profile of warm invocations had it first), using one costs little.
 */
const clocks = new Map<string, Intl.DateTimeFormat>();

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** What a clock on the wall in `timeZone` shows at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = clockOf(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/**
 * The instant at which a clock in `timeZone` shows `local`. Days and hours out of range roll over
 * (day 32 is the 1st of the next month), which makes "the day after" arithmetic simple.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const asIfUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The zone's offset at that moment; asking twice settles the hour around a daylight-saving change.
  let instant = asIfUtc - offsetMs(new Date(asIfUtc), timeZone);
  instant = asIfUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function offsetMs(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return wall - Math.floor(instant.getTime() / 60_000) * 60_000;
}
