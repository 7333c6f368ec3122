/** What a dashboard page is made of: sections with a chart and the table of its numbers (the table is also the CSV). */
import type { ChartSpec } from '../charts/index.js';

export interface Cell {
  text: string;
  /** The raw number behind the text (CSV and tests read it; equal to the matching `--json` field). */
  value?: number | null;
  /** A stable name for the number (e.g. `waterfall.end.amount`), set on the cell as data-key. */
  key?: string;
  href?: string;
}

export interface Table {
  id: string;
  columns: ReadonlyArray<{ header: string; align?: 'left' | 'right' }>;
  rows: Cell[][];
  /** Shown when there are no rows. */
  empty?: string;
}

export interface Section {
  id: string;
  title: string;
  /** One or two lines saying how the numbers are defined. */
  note?: string;
  chart?: ChartSpec;
  tables: Table[];
  /** Free text lines (already plain text, escaped on output); a line "## Title" heads the lines after it. */
  lines?: string[];
}

export interface Page {
  title: string;
  subtitle: string;
  sections: Section[];
  /** A record's outside link (HubSpot), shown under the title. */
  external?: { label: string; href: string };
}

export const cell = (text: string, more: Omit<Cell, 'text'> = {}): Cell => ({ text, ...more });
