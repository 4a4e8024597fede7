import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { labPaths } from './state';

/** Per-folder lab credentials: made at first start, reused after (they are written in the kubeconfig). */
export interface LabSecrets {
  kubernetesToken: string;
  awsAccessKeyId: string;
  awsSecretAccessKey: string;
  /** When the lab's world was "created": creationTimestamp of its Kubernetes objects. */
  createdAt: string;
}

export function loadOrCreateSecrets(dir: string): LabSecrets {
  const file = labPaths(dir).secrets;
  if (fs.existsSync(file))
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LabSecrets;
  const secrets: LabSecrets = {
    kubernetesToken: `lab-${randomBytes(24).toString('hex')}`,
    awsAccessKeyId: `AKIALAB${randomBytes(7)
      .toString('hex')
      .toUpperCase()
      .slice(0, 13)}`,
    awsSecretAccessKey: randomBytes(30).toString('base64'),
    createdAt: new Date().toISOString(),
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, {
    mode: 0o600,
  });
  return secrets;
}
