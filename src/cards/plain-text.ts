/** A zero-width space: invisible, but no client sees a link where it sits. */
const BREAK = '\u200B';

/**
 * Text a person typed, made safe to show in an Adaptive Card TextBlock or FactSet, which render markdown: markdown
 * characters are escaped with a backslash (CommonMark, as Teams renders cards), list and heading markers at the start
 * of a line too, and addresses are broken so that no client turns them into links. What the reader sees is what was
 * typed.
 */
export function plainText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-=]|\d+[.)])/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/([#+\-=.)])/, '\\$1')}`)
    .replace(/:\/\//g, `:${BREAK}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${BREAK}.`);
}
