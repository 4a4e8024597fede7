import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { LookupFunction } from 'node:net';
import path from 'node:path';

const openssl = (dir: string, ...args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** Every name resolves to loopback, as the lab's DNS does. */
export const loopbackLookup = ((_host: string, options: any, callback: any) =>
  options?.all
    ? callback(null, [{ address: '127.0.0.1', family: 4 }])
    : callback(null, '127.0.0.1', 4)) as LookupFunction;

/** A test CA in `dir` (ca.pem, ca.key), made with openssl as an operator would. */
export function makeTestCa(dir: string): void {
  openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Federation Test CA',
  );
}

/** A leaf certificate for `host` signed by the test CA: `<name>.pem` and `<name>.key` in `dir`. */
export function issueTestLeaf(
  dir: string,
  name: string,
  host: string,
  days: number,
): { key: string; cert: string } {
  openssl(
    dir,
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${host}`,
  );
  fs.writeFileSync(path.join(dir, 'san.ext'), `subjectAltName=DNS:${host}\n`);
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    String(days),
    '-extfile',
    'san.ext',
  );
  return {
    key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'),
    cert: fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8'),
  };
}
