/**
 * Fits a finished text report to the terminal: prose lines longer than the width wrap at spaces with their
 * indentation kept (a bullet's continuation lines indent under its text). Table lines (cells apart by two or more
 * spaces) are left alone: renderTable has fitted them already. A URL is never broken: a terminal makes it a link.
 */
import { terminalWidth, wrapText } from './table.js';

export function fitText(text: string, width: number | undefined = terminalWidth()): string {
  if (!width) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if ([...line].length <= width) return [line];
      const indent = /^\s*/.exec(line)![0];
      const body = line.slice(indent.length);
      if (/\S {2,}\S/.test(body) || /[─│]/.test(body)) return [line];
      const bullet = /^([•*·-]|\d+[.)]) /.exec(body);
      const hang = indent + (bullet ? ' '.repeat(bullet[0].length) : '');
      const first = wrapText(body, Math.max(20, width - indent.length));
      const head = first[0]!;
      const rest = wrapText(first.slice(1).join(' '), Math.max(20, width - hang.length)).filter(Boolean);
      return [indent + head, ...rest.map((l) => hang + l)];
    })
    .join('\n');
}
