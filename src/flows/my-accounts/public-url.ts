import type { BotServices } from '../../bot/services';

/**
 * Where people's browsers reach this bot's HTTP server, for download links: `PUBLIC_URL` (the dev tunnel or
 * the App Service URL) when set; else this machine, which is right for the Agents Playground.
 */
export function publicBaseUrl(services: BotServices): string {
  const configured = services.config.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  const host = services.config.host === '0.0.0.0' || services.config.host === '::' ? '127.0.0.1' : services.config.host;
  return `http://${host}:${services.config.port}`;
}
