import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine runs on Hermes too, so its purity is a checked rule, not a hope.
const root = dirname(fileURLToPath(import.meta.url));
const sources = (readdirSync(root, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

describe('the engine stays pure TypeScript', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it('imports only its own files, async-mutex and @noble/hashes', () => {
    const violations: string[] = [];
    for (const { file, text } of sources) {
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const escapes =
          specifier!.startsWith('.') && relative(root, resolve(root, dirname(file), specifier!)).startsWith('..');
        const allowed = specifier === 'async-mutex' || specifier!.startsWith('@noble/hashes/');
        if (escapes || (!specifier!.startsWith('.') && !allowed)) violations.push(`${file}: ${specifier}`);
      }
    }
    expect(violations).toEqual([]);
  });

  // Signatures and message ids rest on SHA-256: an audited library computes it, never code of our own.
  it('hashes with @noble/hashes: no SHA-256 round constant of its own', () => {
    const handRolled = sources.filter(({ text }) => /0x428a2f98|0x6a09e667/i.test(text)).map(({ file }) => file);
    expect(handRolled).toEqual([]);
    const sha = sources.find(({ file }) => file === 'sha256.ts')!.text;
    expect(sha).toContain("from '@noble/hashes/sha2.js'");
    expect(sha).toContain("from '@noble/hashes/hmac.js'");
  });

  it('uses no Node-only global (Buffer, process, require, setImmediate)', () => {
    const violations = sources
      .filter(({ text }) =>
        /\b(Buffer|process|require|__dirname|setImmediate)\b/.test(
          text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, ''),
        ),
      )
      .map(({ file }) => file);
    expect(violations).toEqual([]);
  });
});
