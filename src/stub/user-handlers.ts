// The user's own msw handlers (`server.handlers` in a scenario, `smsgw stub --handlers`): a module
// exporting `handlers`, an array of msw request handlers. Loaded before anything starts, so a module
// that cannot be used is bad input (exit 2) naming the file, and the line of a syntax error.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { RequestHandler } from 'msw';
import type * as TsxApi from 'tsx/esm/api';
import { SmsgwError, type ErrorCode } from '../errors';
import { importOptional } from '../optional-packages';

const hint =
  'a handlers module exports `handlers`, e.g. `export const handlers = [http.post(...)]`; see scenarios/examples/handlers.ts';

const typeScript = ['.ts', '.mts', '.cts', '.tsx'];

/**
 * tsx's own import, rather than `import()`, wherever tsx is installed: it reads TypeScript wherever
 * the file is, inside an ES module package or not (a `.ts` beside no package.json failed as a
 * CommonJS cycle under the loader smsgw registers), and loads the module afresh for each stub. The
 * package does not install tsx: without it, JavaScript loads through Node's own `import()` (afresh,
 * by a query only this load uses), and TypeScript asks for tsx (exit 3).
 */
async function importHandlers(path: string): Promise<{ handlers?: unknown }> {
  const url = pathToFileURL(path).href;
  const tsx = await importOptional<typeof TsxApi>(
    'tsx',
    `A handlers module in TypeScript (${path})`,
    ['tsx'],
    'esm/api',
  ).catch((error: unknown) => {
    if (typeScript.includes(extname(path)) || !(error instanceof SmsgwError)) throw error;
    return null;
  });
  if (tsx !== null) return (await tsx.tsImport(url, import.meta.url)) as { handlers?: unknown };
  return (await import(`${url}?load=${++loads}`)) as { handlers?: unknown };
}
let loads = 0;

/**
 * Imports the module at `file` (TypeScript or JavaScript) and returns its
 * `handlers`. `code` is the error's: `bad-scenario` for a scenario's `server.handlers`, `bad-option`
 * for `--handlers`; both exit 2.
 */
export async function loadUserHandlers(file: string, code: ErrorCode = 'bad-option'): Promise<RequestHandler[]> {
  const fail = (what: string, cause?: unknown) =>
    new SmsgwError(code, what, { hint, ...(cause === undefined ? {} : { cause }) });
  const path = resolve(file);
  const found = await stat(path).catch(() => null);
  if (found === null) throw fail(`${file}: no such handlers module`);
  if (!found.isFile()) throw fail(`${file}: is not a file, so not a handlers module`);
  let loaded: { handlers?: unknown };
  try {
    loaded = await importHandlers(path);
  } catch (error) {
    // tsx missing is the environment's fault, not the file's.
    if (error instanceof SmsgwError) throw error;
    throw fail(await importFailure(file, path, error), error);
  }
  const { handlers } = loaded;
  if (handlers === undefined) throw fail(`${file}: exports no \`handlers\``);
  if (!Array.isArray(handlers))
    throw fail(`${file}: \`handlers\` is ${describe(handlers)}, not an array of msw request handlers`);
  const wrong = handlers.findIndex((handler) => !isRequestHandler(handler));
  if (wrong >= 0)
    throw fail(
      `${file}: \`handlers[${wrong}]\` is ${describe(handlers[wrong])}, not an msw request handler (http.post(…), http.get(…), graphql.query(…))`,
    );
  return handlers as RequestHandler[];
}

/**
 * An msw request handler, ours or one made by another copy of msw (a module beside its own
 * node_modules): msw runs a handler through its `run` and reads its `info`, both public.
 */
function isRequestHandler(value: unknown): boolean {
  if (value instanceof RequestHandler) return true;
  const candidate = value as { run?: unknown; info?: { header?: unknown } } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.run === 'function' &&
    typeof candidate.info?.header === 'string'
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? String(value)}`;
}

/** Esbuild's (tsx's) report of a syntax error: `<file>:<line>:<col>: ERROR: <message>`. */
const esbuildError = /:(\d+):(\d+): ERROR: (.+)$/m;

/** Why the import failed, in one line: with the line and column of a syntax error. */
async function importFailure(file: string, path: string, error: unknown): Promise<string> {
  const message = error instanceof Error ? error.message : String(error);
  const transform = esbuildError.exec(message);
  if (transform) return `${file}:${transform[1]}:${transform[2]}: syntax error: ${transform[3]}`;
  const checked = await checkSyntax(path);
  if (checked !== null) return `${file}:${checked.line}: ${checked.message}`;
  if (error instanceof SyntaxError) return `${file}: syntax error: ${message}`;
  return `${file}: cannot be loaded: ${message.split('\n')[0]}`;
}

/**
 * Node's SyntaxError of an ES module carries no line; `node --check` prints it as `<path>:<line>`, then
 * the code, then `SyntaxError: <message>`. For JavaScript only: TypeScript's errors come from esbuild,
 * with their line. Null when the file parses.
 */
async function checkSyntax(path: string): Promise<{ line: number; message: string } | null> {
  if (!['.js', '.mjs', '.cjs'].includes(extname(path))) return null;
  const stderr = await promisify(execFile)(process.execPath, ['--check', path]).then(
    () => null,
    (failure: { stderr?: string }) => failure.stderr ?? null,
  );
  const lines = stderr?.split('\n') ?? [];
  const at = lines.find((line) => line.startsWith(`${path}:`));
  const why = lines.find((line) => line.startsWith('SyntaxError: '));
  const line = at === undefined ? NaN : Number(at.slice(path.length + 1));
  if (!Number.isInteger(line) || why === undefined) return null;
  return { line, message: `syntax error: ${why.slice('SyntaxError: '.length)}` };
}
