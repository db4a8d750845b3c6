import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { fromProjectRoot } from '../paths';

export const CARDS_DIR = fromProjectRoot('adaptive-cards');

/** Teams renders Adaptive Cards up to 1.5; a template that claims more would silently lose elements. */
export const CARD_VERSION = '1.5';

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; body?: unknown[]; actions?: unknown[]; [key: string]: unknown };

export class CardError extends Error {
  readonly code = 'card_invalid';
}

const templates = new Map<string, object>();

function loadTemplate(name: string): object {
  let template = templates.get(name);
  if (!template) {
    const file = path.join(CARDS_DIR, `${name}.json`);
    template = JSON.parse(readFileSync(file, 'utf8')) as object;
    templates.set(name, template);
  }
  return template;
}

/** Expands `adaptive-cards/<name>.json` with data. The one place where card JSON is produced. */
export function renderCard(name: string, data: object = {}): AdaptiveCard {
  const template = new ACData.Template(loadTemplate(name));
  const card = template.expand({ $root: data }) as AdaptiveCard;
  if (card.type !== 'AdaptiveCard' || card.version !== CARD_VERSION) {
    throw new CardError(`Template ${name} must be an AdaptiveCard of version ${CARD_VERSION}`);
  }
  return card;
}

export function templateNames(): string[] {
  return readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}
