import { StemmerSv } from '@nlpjs/lang-sv';
import { foldDiacritics } from './text';

const stemmer = new StemmerSv();
const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

/** Snowball Swedish stem of one lower-case word (memoised; the stemmer is pure). */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const result = word.length <= 2 ? word : stemmer.stem(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

/**
 * The search key of a word: the stem of the word as written (the Swedish stemmer knows å/ä/ö), then
 * folded, so that "frågorna", "frågor" and "fragor" all become "frag".
 */
export function searchKey(word: string): string {
  const agent = AGENT_NOUN.exec(word);
  return foldDiacritics(agent ? agent[1] : stem(word));
}

// Agent nouns in -tor keep one key in every form; the stemmer reads "-or" as a plural ending, so it cuts
// "registrator" to "registrat" but "registratorer" to "registrator".
const AGENT_NOUN = /^(\p{L}{4,}tor)(?:n|ns|s|er|ers|erna|ernas)?$/u;

/** Words that carry no meaning in a policy question (kept small on purpose; folded). */
export const QUESTION_STOPWORDS: ReadonlySet<string> = new Set(
  [
    // question words, pronouns, articles, conjunctions, prepositions
    'hur', 'vad', 'vem', 'vems', 'vilka', 'vilken', 'vilket', 'när', 'var', 'varför', 'jag', 'vi', 'du', 'man', 'ni',
    'de', 'dom', 'den', 'det', 'detta', 'dessa', 'denna', 'en', 'ett', 'och', 'eller', 'i', 'på', 'till', 'för', 'om',
    'med', 'av', 'att', 'som', 'mitt', 'min', 'mina', 'sin', 'sina', 'sitt', 'oss', 'mig', 'dig', 'er', 'era', 'ert',
    'vår', 'våra', 'vårt', 'sig', 'dem', 'deras', 'hos', 'från', 'mot', 'här', 'där', 'nu', 'då', 'så',
    // auxiliaries and light verbs
    'är', 'ska', 'skall', 'måste', 'får', 'få', 'fått', 'fick', 'kan', 'kunna', 'behöver', 'behövs', 'bör', 'borde', 'vill', 'gör',
    'göra', 'görs', 'göras', 'gjorde', 'gjort', 'vara', 'varit', 'ha', 'har', 'hade', 'bli', 'blir', 'blev', 'finns', 'gå', 'går', 'gick', 'gått',
    'gäller', 'säger',
    // fillers
    'också', 'även', 'något', 'någon', 'några', 'nån', 'nåt', 'typ', 'ens', 'bara', 'ok', 'okej', 'ju', 'väl', 'alla',
    'allt', 'enligt', 'inte', 'egentligen', 'liksom',
    // English fillers in mixed questions
    'the', 'a', 'is', 'to', 'of', 'do', 'we',
    // words naming the document itself say nothing about the topic of a question
    'policy', 'policyn', 'policyns', 'rutin', 'rutinen', 'rutinens', 'riktlinjer', 'riktlinjerna', 'dokumentet', 'reglerna',
  ].map(foldDiacritics),
);
