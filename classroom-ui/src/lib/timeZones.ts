import { TimeZone } from '@panda/shared';

export interface TimeZoneOption {
  value: string;
  label: string;
}

let options: TimeZoneOption[] | undefined;

function currentOffset(zone: string): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** Zones the browser knows and the server accepts, labelled with their UTC offset today. Built once: it's ~400 zones. */
export function timeZoneOptions(): TimeZoneOption[] {
  options ??= Intl.supportedValuesOf('timeZone')
    .filter((zone) => TimeZone.safeParse(zone).success)
    .map((zone) => ({ value: zone, label: `${zone.replaceAll('_', ' ')} (${currentOffset(zone)})` }));
  return options;
}

export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return TimeZone.safeParse(zone).success ? zone : 'UTC';
}
