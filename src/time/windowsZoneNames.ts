/**
 * The few Windows zones whose standard/daylight names (registry values `Std` and `Dlt`, which
 * PDH-CSV headers and `Get-TimeZone` show) differ from their ID — names only; the rules come from
 * the IANA data. Sources: `Set-TimeZone` on Microsoft Learn (Russian Standard Time → "Russia TZ 2
 * Standard Time") and PostgreSQL's src/bin/initdb/findtimezone.c (win32_tzmap, which lists both
 * the registry names and the IDs); IDs as in CLDR's windowsZones.xml.
 */
export const STANDARD_NAMES: Readonly<Record<string, readonly [standardName: string, daylightName: string]>> = {
  UTC: ['Coordinated Universal Time', 'Coordinated Universal Time'],
  'Singapore Standard Time': ['Malay Peninsula Standard Time', 'Malay Peninsula Daylight Time'],
  'Israel Standard Time': ['Jerusalem Standard Time', 'Jerusalem Daylight Time'],
  'Cape Verde Standard Time': ['Cabo Verde Standard Time', 'Cabo Verde Daylight Time'],
  'Kaliningrad Standard Time': ['Russia TZ 1 Standard Time', 'Russia TZ 1 Daylight Time'],
  'Russian Standard Time': ['Russia TZ 2 Standard Time', 'Russia TZ 2 Daylight Time'],
  'Russia Time Zone 3': ['Russia TZ 3 Standard Time', 'Russia TZ 3 Daylight Time'],
  'Ekaterinburg Standard Time': ['Russia TZ 4 Standard Time', 'Russia TZ 4 Daylight Time'],
  'N. Central Asia Standard Time': ['Russia TZ 5 Standard Time', 'Russia TZ 5 Daylight Time'],
  'North Asia Standard Time': ['Russia TZ 6 Standard Time', 'Russia TZ 6 Daylight Time'],
  'North Asia East Standard Time': ['Russia TZ 7 Standard Time', 'Russia TZ 7 Daylight Time'],
  'Yakutsk Standard Time': ['Russia TZ 8 Standard Time', 'Russia TZ 8 Daylight Time'],
  'Vladivostok Standard Time': ['Russia TZ 9 Standard Time', 'Russia TZ 9 Daylight Time'],
  'Russia Time Zone 10': ['Russia TZ 10 Standard Time', 'Russia TZ 10 Daylight Time'],
  'Russia Time Zone 11': ['Russia TZ 11 Standard Time', 'Russia TZ 11 Daylight Time'],
}

/** Names older Windows versions wrote, for zones since renamed or merged (same source). */
export const LEGACY_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Mexico Standard Time': 'Central Standard Time (Mexico)',
  'Mexico Daylight Time': 'Central Standard Time (Mexico)',
  'Mexico Standard Time 2': 'Mountain Standard Time (Mexico)',
  'Mexico Daylight Time 2': 'Mountain Standard Time (Mexico)',
  'Mid-Atlantic Standard Time': 'UTC-02',
  'Novosibirsk Standard Time': 'N. Central Asia Standard Time',
  'Kamchatka Standard Time': 'Russia Time Zone 11',
  'West Bank Gaza Standard Time': 'West Bank Standard Time',
}
