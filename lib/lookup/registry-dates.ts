/**
 * Dates as registries write them on port 43, as ISO instants: `2026-04-06T21:00:00Z` (ICANN format),
 * `2023/09/14` and `2025/10/01 01:05:07 (JST)` (JPRS), `2022. 08. 23.` (KISA), `14-Mar-2024` (Nominet),
 * `2023-05-17 14:22:09` (CNNIC, NIC.it). A calendar date is that day at 00:00 UTC, as RDAP dates are read. A
 * date and time without a zone is the registry's own wall clock (its time zone below, by TLD), so the same
 * answer gives the same instant whatever the zone of the worker host. Anything else is kept as given.
 */
const registryTimeZones: Record<string, string> = {
  jp: 'Asia/Tokyo', cn: 'Asia/Shanghai', kr: 'Asia/Seoul', tw: 'Asia/Taipei', hk: 'Asia/Hong_Kong',
  it: 'Europe/Rome', de: 'Europe/Berlin', fr: 'Europe/Paris', uk: 'Europe/London', ru: 'Europe/Moscow', su: 'Europe/Moscow', 'xn--p1ai': 'Europe/Moscow',
};
const namedZones: Record<string, string> = { JST: 'Asia/Tokyo', KST: 'Asia/Seoul', UTC: 'UTC', GMT: 'UTC' };

/** The time zone of the registry of `domain` (by its TLD), UTC when not known. */
export const registryTimeZone = (domain: string | undefined) => registryTimeZones[domain?.split('.').pop()?.toLowerCase() ?? ''] ?? 'UTC';

const months: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

export function registryDate(value: string | undefined, zone = 'UTC'): string | undefined {
  if (value === undefined) return undefined;
  let text = value.trim();
  // No leading \s* in the expression (the slice is trimmed anyway): tried at every space, it took time quadratic in them.
  const named = /\(?\b(JST|KST|UTC|GMT)\)?$/.exec(text);
  if (named) {
    zone = namedZones[named[1]!]!;
    text = text.slice(0, named.index).trim();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? value : at.toISOString();
  }
  const ymd = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\.?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (ymd) return instant([ymd[1], ymd[2], ymd[3]].map(Number) as [number, number, number], ymd[4] === undefined ? undefined : [ymd[4], ymd[5], ymd[6] ?? '0'].map(Number) as [number, number, number], zone) ?? value;
  const dmy = /^(\d{1,2})[-. ]([a-z]{3}|\d{1,2})[-. ](\d{4})$/i.exec(text);
  if (dmy) {
    const month = months[dmy[2]!.toLowerCase()] ?? Number(dmy[2]);
    return instant([Number(dmy[3]), month, Number(dmy[1])], undefined, zone) ?? value;
  }
  return value;
}

/** A calendar day (00:00 UTC), or a wall-clock time in `zone` as the instant it names; undefined when no such day. */
function instant([year, month, day]: [number, number, number], time: [number, number, number] | undefined, zone: string): string | undefined {
  const wall = Date.UTC(year, month - 1, day, ...(time ?? [0, 0, 0]));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || check.getUTCDate() !== day) return undefined;
  if (!time) return new Date(wall).toISOString();
  // The zone's offset at that moment (twice: a guess near a daylight-saving change may sit on the other side).
  let utc = wall - offsetMs(zone, wall);
  utc = wall - offsetMs(zone, utc);
  return new Date(utc).toISOString();
}

function offsetMs(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (at - (at % 1000));
}
