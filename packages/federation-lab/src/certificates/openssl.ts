import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the openssl CLI; a missing binary gets an error that says how to install it. */
async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new Error(
        'openssl not found on PATH: install it (apt-get install openssl)',
      );
    }
    throw new Error(`openssl ${args[0]} failed: ${err.stderr ?? err.message}`);
  }
}

/** The lab CA, created once per state folder and reused by later starts. */
export async function ensureCa(caCert: string, caKey: string): Promise<void> {
  if (fs.existsSync(caCert) && fs.existsSync(caKey)) return;
  const dir = path.dirname(caCert);
  fs.mkdirSync(dir, { recursive: true });
  await openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-days',
      '3650',
      '-subj',
      '/O=Federation Lab/CN=Federation Lab CA (lab only)',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  fs.chmodSync(caKey, 0o600);
}

export interface IssueOptions {
  caCert: string;
  caKey: string;
  certFile: string;
  keyFile: string;
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  notBefore: Date;
  notAfter: Date;
}

function opensslTime(d: Date): string {
  return `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Issues a server certificate signed by the lab CA with explicit validity dates (past dates
 * make an expired certificate). The key is kept across re-issues; the certificate file is
 * replaced atomically because Prometheus reads it on every TLS handshake.
 */
export async function issueCertificate(o: IssueOptions): Promise<void> {
  const tlsDir = path.dirname(o.caCert);
  const db = path.join(tlsDir, 'ca-db');
  fs.mkdirSync(path.join(db, 'issued'), { recursive: true });
  const index = path.join(db, 'index.txt');
  if (!fs.existsSync(index)) fs.writeFileSync(index, '');
  const base = path.join(db, path.basename(o.certFile, '.crt'));
  const sans = [
    ...(o.dnsNames ?? []).map(n => `DNS:${n}`),
    ...(o.ipAddresses ?? []).map(ip => `IP:${ip}`),
  ].join(',');
  fs.writeFileSync(
    `${base}.cnf`,
    [
      '[ca]',
      'default_ca = lab',
      '[lab]',
      `database = ${index}`,
      `new_certs_dir = ${path.join(db, 'issued')}`,
      `certificate = ${o.caCert}`,
      `private_key = ${o.caKey}`,
      'rand_serial = yes',
      'default_md = sha256',
      'policy = policy_any',
      'unique_subject = no',
      'email_in_dn = no',
      '[policy_any]',
      'commonName = supplied',
      '[server_ext]',
      'basicConstraints = CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${sans}`,
      '',
    ].join('\n'),
  );
  if (!fs.existsSync(o.keyFile)) {
    await openssl(
      [
        'ecparam',
        '-name',
        'prime256v1',
        '-genkey',
        '-noout',
        '-out',
        o.keyFile,
      ],
      tlsDir,
    );
    fs.chmodSync(o.keyFile, 0o600);
  }
  await openssl(
    [
      'req',
      '-new',
      '-key',
      o.keyFile,
      '-subj',
      `/CN=${o.commonName}`,
      '-out',
      `${base}.csr`,
    ],
    tlsDir,
  );
  await openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      `${base}.cnf`,
      '-extensions',
      'server_ext',
      '-startdate',
      opensslTime(o.notBefore),
      '-enddate',
      opensslTime(o.notAfter),
      '-in',
      `${base}.csr`,
      '-out',
      `${base}.new.crt`,
    ],
    tlsDir,
  );
  fs.renameSync(`${base}.new.crt`, o.certFile);
}

export interface CertificateValidity {
  notBefore: Date;
  notAfter: Date;
  serialNumber: string;
}

/** The validity of the certificate really on disk (and so really served). */
export function readValidity(certFile: string): CertificateValidity {
  const cert = new X509Certificate(fs.readFileSync(certFile));
  return {
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    serialNumber: cert.serialNumber,
  };
}

/** True when the file holds a certificate that is valid now and for at least another day. */
export function isCurrentlyValid(certFile: string, now = new Date()): boolean {
  if (!fs.existsSync(certFile)) return false;
  try {
    const v = readValidity(certFile);
    return (
      v.notBefore <= now && v.notAfter.getTime() > now.getTime() + 86_400_000
    );
  } catch {
    return false;
  }
}

/** True when the certificate in the file is valid for `host` (its subject alternative names). */
export function servesHost(certFile: string, host: string): boolean {
  try {
    return (
      new X509Certificate(fs.readFileSync(certFile)).checkHost(host) !==
      undefined
    );
  } catch {
    return false;
  }
}
