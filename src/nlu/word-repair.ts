/** Known search keys of one pack, with the lookups used to repair words the pack does not use. */
export class Vocabulary {
  private readonly byLength = new Map<number, string[]>();

  constructor(private readonly keys: ReadonlySet<string>) {
    for (const key of keys) this.byLength.set(key.length, [...(this.byLength.get(key.length) ?? []), key]);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** A misspelt key ("diarifor") → the one known key one edit away ("diariefor"), if there is exactly one. */
  correct(key: string): string | undefined {
    if (key.length < 5) return undefined;
    const candidates = [key.length - 1, key.length, key.length + 1]
      .flatMap((length) => this.byLength.get(length) ?? [])
      .filter((known) => withinOneEdit(key, known));
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** An inflection the stemmer missed ("registratorn") → the longest known key it starts with ("registrator"). */
  knownStem(key: string): string | undefined {
    for (let length = key.length - 1; length >= Math.max(5, key.length - 3); length -= 1) {
      if (this.keys.has(key.slice(0, length))) return key.slice(0, length);
    }
    return undefined;
  }

  /** A compound's first part ("dataskydd") → the known compounds starting with it, if at most five. */
  compoundsStartingWith(key: string): string[] {
    if (key.length < 6) return [];
    const found = [...this.keys].filter((known) => known.length > key.length && known.startsWith(key));
    return found.length <= 5 ? found : [];
  }
}

export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length >= b.length) i += 1;
    if (b.length >= a.length) j += 1;
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
