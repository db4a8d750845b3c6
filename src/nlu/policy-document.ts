import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NluError } from './errors';

/** One quotable piece of a section: a sentence of a paragraph, or one list item. */
export interface PolicyUnit {
  text: string;
  kind: 'sentence' | 'item';
  /** For a list item: index (in the section's units) of the sentence introducing the list with a colon. */
  lead?: number;
  /** For a list item that defines a term ("**Registrator** - Diarieför …"): the term. */
  term?: string;
}

export interface PolicySection {
  /** Heading exactly as in the document, e.g. "6.2 Olämpliga inlägg". */
  heading: string;
  level: number;
  /** Headings of the enclosing sections, outermost first. */
  parents: string[];
  units: PolicyUnit[];
  /** Title of the document the section belongs to, when it is not the policy text's own (a remiss answer). */
  document?: string;
  /** Words that help find the section but are not quoted (a rule's explanation of a remiss amendment). */
  keywords?: string;
}

export interface PolicyDocument {
  packId?: string;
  title: string;
  organisation?: string;
  decided?: string;
  source?: string;
  url?: string;
  /** Every heading of the document in order, including those without text of their own. */
  sections: PolicySection[];
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*•]|\d+\.)\s+(.*)$/;
// A sentence ends at . ! ? followed by space and an upper-case letter, digit, quote or parenthesis.
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-ZÅÄÖÉ0-9"”“(])/u;

interface Block {
  paragraph: string;
  items: string[];
}

function parseFrontMatter(markdown: string): { fields: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) return { fields: {}, body: markdown };
  const fields: Record<string, string> = {};
  for (const line of match[1].split('\n')) {
    const field = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line.trim());
    if (field) fields[field[1]] = field[2].trim();
  }
  return { fields, body: markdown.slice(match[0].length) };
}

function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  const flush = () => {
    if (current && (current.paragraph || current.items.length)) blocks.push(current);
    current = undefined;
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    current ??= { paragraph: '', items: [] };
    const item = LIST_ITEM.exec(line);
    if (item) current.items.push(item[1].trim());
    else if (current.items.length) current.items[current.items.length - 1] += ` ${line}`;
    else current.paragraph = current.paragraph ? `${current.paragraph} ${line}` : line;
  }
  flush();
  return mergePageBreaks(blocks);
}

// A paragraph cut by a page break in the source ("… inte får röja" / "sekretessbelagda uppgifter …").
function mergePageBreaks(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged[merged.length - 1];
    if (
      previous &&
      !previous.items.length &&
      !block.items.length &&
      !/[.!?:"”]$/.test(previous.paragraph) &&
      /^\p{Ll}/u.test(block.paragraph)
    ) {
      previous.paragraph = `${previous.paragraph} ${block.paragraph}`;
    } else {
      merged.push({ paragraph: block.paragraph, items: [...block.items] });
    }
  }
  return merged;
}

// A list item opening with a bold term and a dash or colon defines that term.
const DEFINED_TERM = /^\*\*([^*]+?)\*\*\s*[-–—:]/;

function stripInlineMarkup(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/__(.+?)__/g, '$1');
}

function toUnits(blocks: Block[]): PolicyUnit[] {
  const units: PolicyUnit[] = [];
  for (const block of blocks) {
    if (block.paragraph) {
      for (const sentence of stripInlineMarkup(block.paragraph).split(SENTENCE_END)) {
        if (sentence.trim()) units.push({ text: sentence.trim(), kind: 'sentence' });
      }
    }
    if (block.items.length) {
      const previous = units[units.length - 1];
      const lead = previous && previous.kind === 'sentence' && previous.text.endsWith(':') ? units.length - 1 : undefined;
      for (const item of block.items) {
        const term = DEFINED_TERM.exec(item)?.[1].trim();
        units.push({ text: stripInlineMarkup(item), kind: 'item', ...(lead === undefined ? {} : { lead }), ...(term ? { term } : {}) });
      }
    }
  }
  return units;
}

/** Parses a policy-text.md: front matter (title required), then the document split at its markdown headings. */
export function parsePolicyText(markdown: string, source: string): PolicyDocument {
  const { fields, body } = parseFrontMatter(markdown.replace(/\r\n?/g, '\n'));
  if (!fields.title) {
    throw new NluError('POLICY_TEXT_INVALID', `${source}: the front matter must give the document title`, { details: { source } });
  }
  const lines = body.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const sections: PolicySection[] = [];
  const stack: { heading: string; level: number }[] = [];
  let heading: { text: string; level: number } | undefined;
  let bodyLines: string[] = [];
  const close = () => {
    if (!heading) return;
    sections.push({ heading: heading.text, level: heading.level, parents: stack.slice(0, -1).map((s) => s.heading), units: toUnits(toBlocks(bodyLines)) });
  };
  for (const line of lines) {
    const match = HEADING.exec(line);
    if (!match) {
      if (heading) bodyLines.push(line);
      else if (line.trim()) {
        throw new NluError('POLICY_TEXT_INVALID', `${source}: text before the first heading`, { details: { source } });
      }
      continue;
    }
    close();
    heading = { text: stripInlineMarkup(match[2]), level: match[1].length };
    while (stack.length && stack[stack.length - 1].level >= heading.level) stack.pop();
    stack.push({ heading: heading.text, level: heading.level });
    bodyLines = [];
  }
  close();
  if (!sections.some((section) => section.units.length)) {
    throw new NluError('POLICY_TEXT_INVALID', `${source}: no section has any text`, { details: { source } });
  }
  return {
    title: fields.title,
    ...(fields.packId ? { packId: fields.packId } : {}),
    ...(fields.organisation ? { organisation: fields.organisation } : {}),
    ...(fields.decided ? { decided: fields.decided } : {}),
    ...(fields.source ? { source: fields.source } : {}),
    ...(fields.url ? { url: fields.url } : {}),
    sections,
  };
}

export function policyTextPath(policiesDir: string, packId: string): string {
  return path.join(policiesDir, packId, 'policy-text.md');
}

/** Reads and parses policies/<packId>/policy-text.md. */
export function loadPolicyText(policiesDir: string, packId: string): PolicyDocument {
  const file = policyTextPath(policiesDir, packId);
  let markdown: string;
  try {
    markdown = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new NluError('POLICY_TEXT_MISSING', `No policy text for pack "${packId}" at ${file}`, { cause, details: { packId, file } });
  }
  const document = parsePolicyText(markdown, file);
  if (document.packId && document.packId !== packId) {
    throw new NluError('POLICY_TEXT_INVALID', `${file} says packId "${document.packId}" but lies in the folder of "${packId}"`, {
      details: { packId, file },
    });
  }
  return document;
}
