import { KubeConfig } from '@kubernetes/client-node';
import { limitExecCredentials } from './kubeConfig';

describe('limitExecCredentials', () => {
  it('kills an exec credential plugin that does not answer within the timeout', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        { name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: true },
      ],
      users: [
        {
          name: 'u',
          exec: {
            command: 'sleep',
            args: ['30'],
            apiVersion: 'client.authentication.k8s.io/v1',
          },
        },
      ],
      contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
      currentContext: 'c',
    });
    limitExecCredentials(kc, 300);
    const started = Date.now();
    await expect(kc.applyToHTTPSOptions({})).rejects.toThrow(
      /exec credential plugin sleep gave no credential within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
