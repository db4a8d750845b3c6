import { createServer, type Server } from 'node:http';

export interface RecordedReply {
  conversationId: string;
  activity: Record<string, unknown>;
}

/** A Bot Connector stand-in on loopback that accepts every reply and remembers it. */
export class RecordingConnector {
  readonly replies: RecordedReply[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && match) {
          this.replies.push({ conversationId: decodeURIComponent(match[1]), activity: JSON.parse(body || '{}') });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${this.replies.length}` }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
