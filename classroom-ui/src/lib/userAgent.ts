// Checked in order: Edge, Opera and Yandex also say "Chrome"; Chrome also says "Safari".
const BROWSERS: readonly [marker: string, name: string][] = [
  ['Edg/', 'Edge'],
  ['OPR/', 'Opera'],
  ['YaBrowser/', 'Yandex Browser'],
  ['Firefox/', 'Firefox'],
  ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari'],
];
// Android also says "Linux"; iPhones and iPads also say "Mac OS X".
const SYSTEMS: readonly [marker: string, name: string][] = [
  ['Windows', 'Windows'],
  ['Android', 'Android'],
  ['iPhone', 'iOS'],
  ['iPad', 'iPadOS'],
  ['Mac OS X', 'macOS'],
  ['CrOS', 'ChromeOS'],
  ['Linux', 'Linux'],
];

const find = (userAgent: string, table: readonly [string, string][]) => table.find(([marker]) => userAgent.includes(marker))?.[1];

/** The browser and system a User-Agent names, enough for a person to recognise their own devices. */
export function describeUserAgent(userAgent: string): { browser: string | undefined; system: string | undefined } {
  return { browser: find(userAgent, BROWSERS), system: find(userAgent, SYSTEMS) };
}
