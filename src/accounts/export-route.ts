import type { Kysely } from 'kysely';
import type restify from 'restify';
import type { Logger } from '../log/logger';
import { exportRegister } from './export';
import { exportTokensFor, ExportTokenError } from './export-token';
import { AccountRegister } from './register';

export interface ExportRouteDeps {
  database: { db: Kysely<any> };
  /** The pack registry (only the display name is used). */
  packs: { get(id: string): { name: string } | undefined };
  logger: Logger;
  now?: () => Date;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function refuse(res: restify.Response, status: number, text: string): void {
  res.writeHead(status, PAGE_HEADERS as never);
  res.end(text);
}

/**
 * `GET /exports/:token` → the register report as a file. The token is the only credential: signed, for one
 * pack, period and format, and valid for a few minutes (Teams cannot attach files in a chat without the
 * file consent flow, so the card links here instead).
 */
export function registerExportRoutes(server: restify.Server, deps: ExportRouteDeps): void {
  const register = new AccountRegister(deps.database.db);
  const now = deps.now ?? (() => new Date());

  server.get('/exports/:token', async (req: restify.Request, res: restify.Response) => {
    const token = String((req.params as { token?: string }).token ?? '');
    try {
      const tokens = await exportTokensFor(deps.database.db);
      const grant = tokens.verify(token, now());
      const pack = deps.packs.get(grant.pack);
      if (!pack) throw new ExportTokenError('malformed');
      const file = await exportRegister(register, { ...grant, packName: pack.name }, now());
      deps.logger.info({ event: 'register_export_downloaded', pack: grant.pack, format: grant.format, counts: file.counts }, 'register export downloaded');
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Length': String(file.body.length),
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      } as never);
      res.end(file.body);
    } catch (error) {
      if (error instanceof ExportTokenError) {
        deps.logger.warn({ event: 'register_export_refused', problem: error.code }, 'register export link refused');
        if (error.code === 'expired') refuse(res, 410, 'Länken har gått ut. Ta fram rapporten igen i Kontoregistret så får du en ny länk.');
        else refuse(res, 404, 'Länken är ogiltig. Ta fram rapporten igen i Kontoregistret.');
        return;
      }
      deps.logger.error({ event: 'register_export_failed', message: (error as Error).message }, 'register export failed');
      if (!res.headersSent) refuse(res, 500, 'Rapporten kunde inte tas fram just nu. Försök igen om en stund.');
    }
  });
}
