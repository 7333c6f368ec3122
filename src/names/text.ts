/** Folding text for comparison: case and accents ("Kumár" → "kumar"), "&" read as "and", punctuation as spaces. */

/** Lower case without accents; ASCII input skips the Unicode normalisation (most names, 20k at a time). */
export function fold(s: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(s);
  return (ascii ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
}

/** The words of a name, folded: "Shah & Sons (P) Ltd." → ["shah", "and", "sons", "p", "ltd"]. */
export function words(s: string): string[] {
  return fold(s)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
}
