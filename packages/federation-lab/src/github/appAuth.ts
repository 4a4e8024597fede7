import { createPublicKey, KeyObject, randomBytes, verify } from 'node:crypto';

/** A GitHub App the loopback GitHub knows: its id and the public half of its private key. */
export interface LoopbackApp {
  appId: number;
  /** PEM (the private key works too: its public half is taken). */
  key: string;
}

const INSTALLATION_ID = 1;

/**
 * GitHub App authentication as GitHub does it, for one installation on the repository's owner:
 * `GET /app/installations` and `POST /app/installations/1/access_tokens` need a JWT (RS256)
 * signed by the app, with `iss` its id; the installation tokens it hands out are remembered.
 */
export class AppAuth {
  readonly installationTokens = new Set<string>();
  private readonly publicKey: KeyObject;

  constructor(
    private readonly app: LoopbackApp,
    private readonly owner: string,
  ) {
    this.publicKey = createPublicKey(app.key);
  }

  /** Whether the Authorization header carries a JWT this app signed and that has not expired. */
  private signedByApp(authorization: string | undefined): boolean {
    const jwt = authorization?.replace(/^bearer /i, '') ?? '';
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) return false;
    const valid = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      this.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return (
      valid &&
      Number(claims.iss) === this.app.appId &&
      claims.exp * 1000 > Date.now()
    );
  }

  /** The answer to an app route, or undefined when the route is not one. */
  answer(
    route: string,
    authorization: string | undefined,
  ): [number, unknown] | undefined {
    const installations = route === 'GET /app/installations';
    const token =
      route === `POST /app/installations/${INSTALLATION_ID}/access_tokens`;
    if (!installations && !token) return undefined;
    if (!this.signedByApp(authorization))
      return [401, { message: 'A JSON web token could not be decoded' }];
    if (installations)
      return [
        200,
        [
          {
            id: INSTALLATION_ID,
            account: { login: this.owner, type: 'Organization' },
          },
        ],
      ];
    const issued = `ghs_${randomBytes(18).toString('hex')}`;
    this.installationTokens.add(issued);
    return [
      201,
      {
        token: issued,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        repository_selection: 'all',
      },
    ];
  }
}
