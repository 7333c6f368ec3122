/**
 * Traceability for model-written prose: every number (amounts, days, dates' digits) and every proper name (two or
 * more capitalised words in a row) in the text must appear in the tool results the run read. Used by outputs whose
 * prose the model writes (the pre-call brief, meeting prep); the offline assembly is traceable by construction.
 */

/** Digit groups, normalised: "1,52,000" → "152000", "15.20" → "15.2". */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\d+(?:,\d+)*(?:\.\d+)*/g)) {
    const raw = m[0].replace(/,/g, '');
    const parts = raw.split('.');
    for (const n of parts.length === 2 ? [raw] : parts) out.push(String(Number(n)));
  }
  return out;
}

/**
 * Runs of two or more capitalised words within one phrase ("Rekha Menon", "Unnati Beverages Pvt Ltd"); punctuation
 * and line ends separate phrases, so a sentence's first word does not join the name before it.
 */
export function properNamesIn(text: string): string[] {
  return nameRuns(text).map((r) => r.text);
}

interface NameRun {
  text: string;
  /** The run opens its phrase, so its first word may be an ordinary word capitalised at a sentence start. */
  opensPhrase: boolean;
}

function nameRuns(text: string): NameRun[] {
  const out: NameRun[] = [];
  for (const phrase of text.split(/[.,;:!?\n()“”"—–·→]+/)) {
    for (const m of phrase.matchAll(/\b\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+)+/gu))
      out.push({ text: m[0], opensPhrase: phrase.slice(0, m.index).trim() === '' });
  }
  return out;
}

/** Day and month names as dates are written ("Thu 17 Sept"): never names. */
const DATE_WORDS = new Set([
  'Mon',
  'Tue',
  'Wed',
  'Thu',
  'Fri',
  'Sat',
  'Sun',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
]);

/** Numbers and names in `text` that no tool result holds; empty when the text is traceable. */
export function untraceable(text: string, results: readonly unknown[]): string[] {
  const numbers = new Set<string>();
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'number') {
      for (const n of numbersIn(String(v))) numbers.add(n);
      // Amounts are shown in lakh/crore and shares as percentages: 6900000 may read as 69 (L), 0.62 as 62 (%).
      if (Number.isFinite(v))
        for (const scaled of [v / 1e5, v / 1e7, v * 100])
          numbers
            .add(String(Math.round(scaled * 100) / 100))
            .add(String(Math.round(scaled * 10) / 10))
            .add(String(Math.round(scaled)))
            // The money formatter rounds with toFixed, which settles half-way cases the other way (₹1.755 Cr → 1.75).
            .add(String(Number(scaled.toFixed(2))))
            .add(String(Number(scaled.toFixed(1))));
    } else if (typeof v === 'string') {
      strings.push(v.toLowerCase());
      for (const n of numbersIn(v)) numbers.add(n);
    } else if (Array.isArray(v)) {
      // A count of what a list holds ("2 people on the deal") is in the data too.
      numbers.add(String(v.length));
      v.forEach(walk);
    } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  results.forEach(walk);
  const haystack = strings.join('\n');
  const unknownNumbers = numbersIn(text).filter((n) => !numbers.has(n));
  const known = (words: string[]) => haystack.includes(words.join(' ').toLowerCase());
  const unknownNames = nameRuns(text)
    .filter((run) => {
      const words = run.text.split(/\s+/).filter((w) => !DATE_WORDS.has(w));
      if (words.length < 2 || known(words)) return false;
      // "Call Meera Joshi": the first word opens the sentence; the name is the rest.
      if (run.opensPhrase)
        return words.length > 2
          ? !known(words.slice(1))
          : !new RegExp(`\\b${words[1]!.toLowerCase().replace(/[^\p{L}]/gu, '')}\\b`, 'u').test(haystack);
      return true;
    })
    .map((run) => run.text);
  return [...new Set([...unknownNumbers, ...unknownNames])];
}
