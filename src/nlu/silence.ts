import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromProjectRoot } from '../paths';
import { z } from 'zod';
import { NluError } from './errors';
import { foldDiacritics, words } from './text';

/** What the law says on a topic, whatever a pack's own text says (law-floor/topics.json). */
const lawTopicSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** The statute in the definite form used in running text, e.g. "lagen (1998:112) om ansvar för elektroniska anslagstavlor". */
    statute: z.string().min(1),
    /** Paragraph or article, e.g. "5 §" or "2 kap. 4 §". */
    section: z.string().min(1).optional(),
    /** One or two Swedish sentences for staff. */
    says: z.string().min(1),
  })
  .strict();
const lawFileSchema = z.object({ description: z.string().optional(), topics: z.array(lawTopicSchema).min(1) }).strict();
export type LawTopic = z.infer<typeof lawTopicSchema>;

/** A topic a pack does not regulate, with the words staff would use for it (policies/<pack>/silent-topics.json). */
const silentTopicSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Completes "<subject> säger inget om …", e.g. "AI-genererade bilder och texter". */
    topic: z.string().min(1),
    /**
     * Words or phrases of a question on the topic. A word matches a question word that equals it, or that starts
     * with it (4+ letters), or that contains it (6+ letters, for compounds); a phrase matches when all its words do.
     */
    words: z.array(z.string().min(2)).min(1),
    /** Id of a law-floor topic that applies. */
    law: z.string().optional(),
    /** Sections of the pack that touch the topic and may be shown beside the note. */
    related: z.array(z.string().min(1)).default([]),
    /** The pack regulates the topic when this remiss amendment is switched on. */
    unlessAmendment: z.string().optional(),
  })
  .strict();
const silentFileSchema = z
  .object({
    description: z.string().optional(),
    /** The pack's document in the possessive, e.g. "Nyköpings rutin", "Stockholms stads policy". */
    subject: z.string().min(1),
    topics: z.array(silentTopicSchema),
  })
  .strict();
export type SilentTopic = z.infer<typeof silentTopicSchema>;

export interface Silence {
  subject: string;
  topics: SilentTopic[];
}

export const SILENT_TOPICS_FILE = 'silent-topics.json';
export const DEFAULT_LAW_TOPICS_FILE = fromProjectRoot('law-floor', 'topics.json');

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new NluError('SILENT_TOPICS_INVALID', `${file} cannot be read as JSON`, { cause, details: { file } });
  }
}

function invalid(file: string, error: z.ZodError): NluError {
  const issue = error.issues[0];
  return new NluError('SILENT_TOPICS_INVALID', `${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`, { details: { file } });
}

export function loadLawTopics(file = DEFAULT_LAW_TOPICS_FILE): ReadonlyMap<string, LawTopic> {
  const parsed = lawFileSchema.safeParse(readJson(file));
  if (!parsed.success) throw invalid(file, parsed.error);
  return new Map(parsed.data.topics.map((t) => [t.id, t]));
}

/**
 * Reads policies/<pack>/silent-topics.json (a pack without the file declares no silent topics), leaves out the
 * topics a switched-on amendment regulates and checks every law reference.
 */
export function loadSilence(packDir: string, amendments: Readonly<Record<string, boolean>>, laws: ReadonlyMap<string, LawTopic>): Silence | undefined {
  const file = path.join(packDir, SILENT_TOPICS_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = silentFileSchema.safeParse(readJson(file));
  if (!parsed.success) throw invalid(file, parsed.error);
  for (const topic of parsed.data.topics) {
    if (topic.law && !laws.has(topic.law)) {
      throw new NluError('SILENT_TOPICS_INVALID', `${file}: topic ${topic.id}: no law-floor topic "${topic.law}"`, { details: { file } });
    }
  }
  const topics = parsed.data.topics.filter((t) => !(t.unlessAmendment && amendments[t.unlessAmendment] === true));
  return { subject: parsed.data.subject, topics };
}

const fold = (text: string) => words(foldDiacritics(text));

function wordMatches(questionWord: string, word: string): boolean {
  if (questionWord === word) return true;
  if (word.length >= 4 && questionWord.startsWith(word)) return true;
  return word.length >= 6 && questionWord.includes(word);
}

/** The first silent topic the question is about, if any. */
export function silentTopicOf(silence: Silence | undefined, question: string): SilentTopic | undefined {
  if (!silence) return undefined;
  const asked = fold(question);
  return silence.topics.find((topic) =>
    topic.words.some((phrase) => fold(phrase).every((word) => asked.some((q) => wordMatches(q, word)))),
  );
}

/** A note in its two parts: the statement that the pack is silent, and what follows it (the law, or whom to ask). */
export function splitSilenceNote(note: string): { statement: string; more: string } {
  const match = /^(.+? säger inget om .+?\.)\s+([\s\S]*)$/.exec(note);
  return match ? { statement: match[1], more: match[2] } : { statement: note, more: '' };
}

/** "Nyköpings rutin säger inget om …", then what the law says where a law-floor topic applies. */
export function silenceNote(subject: string, topic: SilentTopic, laws: ReadonlyMap<string, LawTopic>): string {
  const sentence = `${subject} säger inget om ${topic.topic}.`;
  const law = topic.law ? laws.get(topic.law) : undefined;
  if (!law) return `${sentence} Fråga din kommunikatör.`;
  const citation = law.section ? `${law.section} ${law.statute}` : law.statute;
  return `${sentence} Lagen gäller ändå (${citation}): ${law.says}`;
}
