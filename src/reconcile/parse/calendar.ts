/**
 * Named days AEs date things by ("after Pongal", "before Diwali", "post Holi") and the financial year ("before FY
 * close"). Sensible Indian defaults; a team adds or corrects entries in its lexicon file (`calendar`,
 * `fiscalYearStartMonth`), see docs/reconcile.md. Movable festivals are listed per year.
 */
import { z } from 'zod';

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

export const calendarEntrySchema = z.object({
  names: z.array(z.string().min(2)).min(1).describe('how people write it: "Pongal", "Makar Sankranti", "Sankranti"'),
  /** Fixed every year: "MM-DD" to "MM-DD". */
  annual: z.object({ from: z.string().regex(/^\d{2}-\d{2}$/), to: z.string().regex(/^\d{2}-\d{2}$/) }).optional(),
  /** Movable: the days of each year. */
  dates: z.array(z.object({ from: ymd, to: ymd })).optional(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const DEFAULT_CALENDAR: CalendarEntry[] = [
  {
    names: ['Pongal', 'Makar Sankranti', 'Sankranti', 'Sankranthi', 'Lohri', 'Uttarayan'],
    annual: { from: '01-14', to: '01-15' },
  },
  { names: ['Republic Day'], annual: { from: '01-26', to: '01-26' } },
  { names: ['Independence Day'], annual: { from: '08-15', to: '08-15' } },
  { names: ['Gandhi Jayanti'], annual: { from: '10-02', to: '10-02' } },
  { names: ['Christmas', 'Xmas'], annual: { from: '12-25', to: '12-25' } },
  {
    names: ['Holi'],
    dates: [
      { from: '2025-03-14', to: '2025-03-14' },
      { from: '2026-03-04', to: '2026-03-04' },
      { from: '2027-03-22', to: '2027-03-23' },
      { from: '2028-03-11', to: '2028-03-11' },
    ],
  },
  {
    names: ['Diwali', 'Deepavali', 'Deepawali'],
    dates: [
      { from: '2025-10-20', to: '2025-10-22' },
      { from: '2026-11-08', to: '2026-11-10' },
      { from: '2027-10-29', to: '2027-10-31' },
      { from: '2028-10-17', to: '2028-10-19' },
    ],
  },
  {
    names: ['Dussehra', 'Dasara', 'Vijayadashami', 'Navratri', 'Puja', 'Durga Puja'],
    dates: [
      { from: '2025-09-22', to: '2025-10-02' },
      { from: '2026-10-11', to: '2026-10-20' },
      { from: '2027-09-30', to: '2027-10-09' },
    ],
  },
  {
    names: ['Ganesh Chaturthi', 'Ganpati'],
    dates: [
      { from: '2025-08-27', to: '2025-09-06' },
      { from: '2026-09-14', to: '2026-09-24' },
      { from: '2027-09-04', to: '2027-09-14' },
    ],
  },
  {
    names: ['Onam'],
    dates: [
      { from: '2025-09-05', to: '2025-09-05' },
      { from: '2026-08-26', to: '2026-08-26' },
      { from: '2027-09-12', to: '2027-09-12' },
    ],
  },
  {
    names: ['Eid', 'Eid ul-Fitr', 'Ramzan Eid'],
    dates: [
      { from: '2025-03-31', to: '2025-03-31' },
      { from: '2026-03-20', to: '2026-03-20' },
      { from: '2027-03-10', to: '2027-03-10' },
    ],
  },
  {
    names: ['Ugadi', 'Gudi Padwa'],
    dates: [
      { from: '2025-03-30', to: '2025-03-30' },
      { from: '2026-03-19', to: '2026-03-19' },
      { from: '2027-04-07', to: '2027-04-07' },
    ],
  },
];

/** April: the Indian financial year runs 1 Apr - 31 Mar. */
export const DEFAULT_FISCAL_YEAR_START_MONTH = 4;

/** The spans of an entry in and around a year (day numbers are YYYY-MM-DD strings). */
export function occurrences(e: CalendarEntry, years: number[]): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [...(e.dates ?? [])];
  if (e.annual) for (const y of years) out.push({ from: `${y}-${e.annual.from}`, to: `${y}-${e.annual.to}` });
  return out;
}
