import { foldDiacritics, sanitizeInput, words } from './text';

// Platform names say nothing about what the user wants to do, and new ones appear all the time:
// one shared token keeps the model from learning "tiktok means open_account" from a few examples.
const PLATFORMS = [
  'facebook', 'fb', 'instagram', 'insta', 'tiktok', 'twitter', 'youtube', 'linkedin', 'snapchat', 'snap',
  'messenger', 'threads', 'mastodon', 'bluesky', 'pinterest', 'flickr', 'vimeo', 'whatsapp', 'blogg', 'bloggen',
];
const PLATFORM_SET = new Set(PLATFORMS);
const PLATFORM_PREFIX = new RegExp(`^(${PLATFORMS.slice().sort((a, b) => b.length - a.length).join('|')})(.{3,})$`);

// Heads of compounds the intents hinge on: "klagomålskommentar" → "klagomåls kommentar".
const HEADS = ['konto', 'kontot', 'konton', 'kontona', 'sida', 'sidan', 'sidor', 'kanal', 'kanalen', 'kanaler', 'grupp', 'gruppen',
  'meddelande', 'meddelandet', 'kommentar', 'kommentaren', 'kommentarer', 'kommentarerna', 'registret', 'register', 'listan',
  'lista', 'inlägg', 'inlägget', 'bild', 'bilden', 'bilder', 'film', 'filmen', 'klipp'];
const HEAD_SUFFIX = new RegExp(`^(.{3,}?)(${HEADS.map(foldDiacritics).sort((a, b) => b.length - a.length).join('|')})$`);

// All spellings of "konto" in one form (the stemmer keeps konto/kontot/konton apart).
const ACCOUNT_FORMS = /^kont+o(t|n|na|ns|ts|m)?$/;

function normalizeWord(word: string): string[] {
  if (PLATFORM_SET.has(word)) return ['plattform'];
  if (ACCOUNT_FORMS.test(word)) return ['konto'];
  const platform = PLATFORM_PREFIX.exec(word);
  if (platform) return ['plattform', ...normalizeWord(platform[2].replace(/^-/, ''))];
  const head = HEAD_SUFFIX.exec(word);
  if (head && !ACCOUNT_FORMS.test(word)) return [head[1], ...normalizeWord(head[2])];
  return [word];
}

/**
 * The text the intent model sees, for training and recognition alike: sanitized, truncated, lower-case,
 * without å/ä/ö, platform names replaced by one token and a few compounds split.
 */
export function prepareUtterance(text: unknown): string {
  const clean = foldDiacritics(sanitizeInput(text));
  return words(clean).flatMap(normalizeWord).join(' ');
}
