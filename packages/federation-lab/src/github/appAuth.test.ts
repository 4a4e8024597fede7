import { generateKeyPairSync, sign } from 'node:crypto';
import { AppAuth } from './appAuth';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
});
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function jwt(iss: number, key = privateKey, exp = Date.now() / 1000 + 60) {
  const head = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss, exp })}`;
  return `Bearer ${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString(
    'base64url',
  )}`;
}

describe('AppAuth', () => {
  const auth = new AppAuth(
    {
      appId: 7,
      key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    'acme',
  );

  it('lists the installation and hands out tokens to a JWT the app signed', () => {
    expect(auth.answer('GET /app/installations', jwt(7))).toEqual([
      200,
      [{ id: 1, account: { login: 'acme', type: 'Organization' } }],
    ]);
    const [status, body] = auth.answer(
      'POST /app/installations/1/access_tokens',
      jwt(7),
    )!;
    expect(status).toBe(201);
    expect(auth.installationTokens.has((body as { token: string }).token)).toBe(
      true,
    );
  });

  it('refuses another app, another key and an expired JWT; ignores other routes', () => {
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    }).privateKey;
    for (const header of [
      jwt(8),
      jwt(7, other),
      jwt(7, privateKey, 1),
      undefined,
    ])
      expect(auth.answer('GET /app/installations', header)?.[0]).toBe(401);
    expect(
      auth.answer('GET /repos/acme/infra/pulls/1', jwt(7)),
    ).toBeUndefined();
  });
});
