import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { IncomingSignedRequest, verifySigV4 } from './sigv4';

const credentials = {
  accessKeyId: 'AKIALABTEST0000001',
  secretAccessKey: 'lab-secret',
};
const body =
  'Action=DescribeSecurityGroupRules&Version=2016-11-15&Filter.1.Name=group-id&Filter.1.Value.1=sg-1';

/** Signs a request the way the SDK does, and returns it as the server receives it. */
async function signed(
  secretAccessKey = credentials.secretAccessKey,
  date = new Date(),
  applyChecksum = true,
): Promise<IncomingSignedRequest> {
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey },
    region: 'eu-west-1',
    service: 'ec2',
    sha256: Sha256,
    applyChecksum,
  });
  const req = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 19003,
      path: '/',
      query: {},
      headers: {
        host: '127.0.0.1:19003',
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'user-agent': 'aws-sdk-js',
      },
      body,
    },
    { signingDate: date },
  );
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { method: 'POST', path: '/', query: {}, headers, body };
}

describe('verifySigV4', () => {
  it('accepts a request signed with the lab credentials', async () => {
    await expect(
      verifySigV4(await signed(), credentials),
    ).resolves.toBeUndefined();
    await expect(
      verifySigV4(await signed(undefined, undefined, false), credentials),
    ).resolves.toBeUndefined();
  });

  it('rejects a changed body, a wrong secret, an unknown key and a missing signature with the EC2 codes', async () => {
    // With and without the x-amz-content-sha256 header: either way the body is covered.
    for (const applyChecksum of [true, false]) {
      const tampered = {
        ...(await signed(undefined, undefined, applyChecksum)),
        body: body.replace('sg-1', 'sg-2'),
      };
      await expect(verifySigV4(tampered, credentials)).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
        status: 403,
      });
    }
    await expect(
      verifySigV4(await signed('other'), credentials),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(
      verifySigV4(await signed(), { ...credentials, accessKeyId: 'AKIAOTHER' }),
    ).rejects.toMatchObject({
      code: 'AuthFailure',
      status: 401,
    });
    const { authorization: _a, ...unsigned } = (await signed()).headers;
    await expect(
      verifySigV4({ ...(await signed()), headers: unsigned }, credentials),
    ).rejects.toMatchObject({
      code: 'MissingAuthenticationToken',
      status: 401,
    });
  });

  it('rejects a signature older than the allowed clock skew', async () => {
    const old = await signed(
      credentials.secretAccessKey,
      new Date(Date.now() - 20 * 60 * 1000),
    );
    await expect(verifySigV4(old, credentials)).rejects.toMatchObject({
      code: 'RequestExpired',
    });
  });
});
