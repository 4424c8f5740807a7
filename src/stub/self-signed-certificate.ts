// The key and certificate of `tls: self-signed`, made afresh for each stub with openssl. Made per run
// rather than shipped: a private key in the repository is one that secret scanners flag and that
// someone, some day, copies into a real server; a fresh one costs a few ms of openssl. Node can
// make a key pair but not sign a certificate, hence openssl (in every Debian and macOS install).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SmsgwError } from '../errors';

export interface KeyAndCertificate {
  /** PEM. */
  readonly key: string;
  /** PEM, self-signed: no client trusts it unless told to. */
  readonly cert: string;
}

/** Valid long enough for the longest scenario (a week), and never beyond: a per-run certificate. */
const validityDays = 8;

const run = promisify(execFile);

/**
 * A P-256 key and a certificate for 127.0.0.1, ::1 and localhost. No openssl on the PATH is
 * `SmsgwError('stub-unavailable')` (exit 3), in one line.
 */
export async function selfSignedCertificate(openssl = 'openssl'): Promise<KeyAndCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'smsgw-tls-'));
  try {
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    await run(openssl, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      String(validityDays),
      '-subj',
      '/CN=smsgw stub (self-signed)',
      '-addext',
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
    ]).catch((error: unknown) => {
      throw opensslError(openssl, error);
    });
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function opensslError(openssl: string, error: unknown): SmsgwError {
  const { code, stderr } = error as { code?: unknown; stderr?: unknown };
  const why =
    code === 'ENOENT'
      ? `\`${openssl}\` was not found on the PATH (install it: apt-get install openssl)`
      : `\`${openssl} req\` failed: ${String(stderr ?? (error as Error).message)
          .trim()
          .split('\n')
          .at(-1)}`;
  return new SmsgwError('stub-unavailable', `The stub cannot serve HTTPS for \`tls: self-signed\`: ${why}`, {
    cause: error,
  });
}
