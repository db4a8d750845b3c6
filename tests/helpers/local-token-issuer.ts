import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

/** The issuer the Bot Framework puts in tokens it sends to bots. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * A stand-in for the Bot Framework's token service on loopback: an OpenID metadata document and a JWKS with one
 * RSA key (kid "local-1", endorsed for msteams and webchat, as the real keys are for several channels), and a signer for tokens with that key or any other.
 */
export class LocalTokenIssuer {
  readonly keyId = 'local-1';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.keyId, use: 'sig', endorsements: ['msteams', 'webchat'] }] }));
      else res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${this.url}/keys` }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Bot Framework authentication settings that validate channel tokens against this issuer's keys. */
  authSettings(): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/openid`,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    } as Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  }

  /** An RS256 token; `key` other than this issuer's signs a forgery with this issuer's key id. */
  sign(claims: Record<string, unknown>, key: KeyObject = this.keys.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.keyId }));
    const payload = base64url(JSON.stringify({ iss: BOT_FRAMEWORK_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims }));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
    return `${header}.${payload}.${base64url(signature)}`;
  }
}

/** A key the issuer does not know. */
export function otherPrivateKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
