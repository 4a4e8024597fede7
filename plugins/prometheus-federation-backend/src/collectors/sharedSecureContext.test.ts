import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withSharedContext } from './sharedSecureContext';

let dir: string;
let ca: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-shared-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=shared-ca',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  ca = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('withSharedContext', () => {
  it('gives leaves with the same CA one secure context, and keeps verification per connection', () => {
    const a = withSharedContext({ ca, rejectUnauthorized: true });
    const b = withSharedContext({ ca, servername: 'leaf-2' });
    expect(a.secureContext).toBeDefined();
    expect(b.secureContext).toBe(a.secureContext);
    expect(b.servername).toBe('leaf-2');
    expect(a.rejectUnauthorized).toBe(true);
  });

  it('builds another context for other material, and none without any', () => {
    const a = withSharedContext({ ca });
    const other = withSharedContext({ ca: [ca, ca] });
    expect(other.secureContext).not.toBe(a.secureContext);
    expect(withSharedContext({ keepAlive: true })).toEqual({ keepAlive: true });
  });
});
