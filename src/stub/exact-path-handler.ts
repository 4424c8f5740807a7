// An msw HttpHandler for one fixed path, the stub's webhook route, made cheap for the hot path
// (profiled under autocannon):
//  - matching: msw compiles the path with path-to-regexp, parses the URL and asks its cookie store on
//    every request; for a path with no parameters a string compare gives the same answer;
//  - running: msw's `run` clones every request for its logs and makes an AbortController per request,
//    aborted when the resolver settles (a DOMException with a captured stack trace, ~17 µs), so that
//    `finalize` callbacks can follow the request's signal. For a plain resolver that returns one
//    response, as the stub's are, this `run` does what msw's does with neither.
// Paths with parameters, RegExp methods, `once` handlers and generator resolvers keep msw's own code.
import {
  HttpHandler,
  type HttpHandlerMethod,
  type HttpResponseResolver,
  type HttpRequestParsedResult,
  type RequestHandlerOptions,
} from 'msw';

/** Characters that make a path a pattern (params, wildcards, groups): such paths keep msw's matching. */
const PATTERN = /[:*?+(){}]/;

type RunArgs = Parameters<HttpHandler['run']>[0];
type RunResult = Awaited<ReturnType<HttpHandler['run']>>;

export class ExactPathHandler extends HttpHandler {
  /** Lower case without a trailing slash, as path-to-regexp matches by default; null for a pattern. */
  private readonly exact: string | null;
  private readonly lean: boolean;
  /** Upper case; only read on the lean path, which a RegExp method never takes. */
  private readonly methodName: string;

  constructor(
    method: HttpHandlerMethod,
    path: string,
    resolver: HttpResponseResolver,
    options?: RequestHandlerOptions,
  ) {
    super(method, path, resolver, options);
    this.exact = PATTERN.test(path) ? null : trimSlash(path.toLowerCase());
    this.lean = this.exact !== null && typeof method === 'string' && options?.once !== true;
    this.methodName = typeof method === 'string' ? method.toUpperCase() : '';
  }

  /** Same result as msw's, with no cookies: the stub's resolvers never read them. */
  override async parse(args: Parameters<HttpHandler['parse']>[0]): Promise<HttpRequestParsedResult> {
    return this.exact === null ? super.parse(args) : this.match(args.request);
  }

  private match(request: Request): HttpRequestParsedResult {
    const matches = trimSlash(new URL(request.url).pathname.toLowerCase()) === this.exact;
    return { match: { matches, params: {} }, cookies: {} };
  }

  /** msw's `run` for a plain resolver: match, resolve, answer; `finalize` callbacks run once the resolver settles. */
  override async run(args: RunArgs): Promise<RunResult> {
    if (!this.lean) return super.run(args);
    const { request, requestId } = args;
    // msw's parse and predicate, without a promise each: the path, then the method.
    const parsedResult = this.match(request);
    if (!parsedResult.match.matches || request.method.toUpperCase() !== this.methodName) return null;
    this.isUsed = true;
    const cleanups: (() => unknown)[] = [];
    let result: unknown;
    try {
      result = await this.resolver({
        ...this.extendResolverArgs({ request, parsedResult }),
        request,
        requestId,
        finalize: (callback: () => unknown) => void cleanups.unshift(callback),
      });
    } catch (thrown) {
      // msw lets a resolver throw a Response to answer with it.
      if (!(thrown instanceof Response)) throw thrown;
      result = thrown;
    } finally {
      for (const cleanup of cleanups)
        await Promise.resolve()
          .then(cleanup)
          .catch(() => undefined);
    }
    if (isIterable(result))
      throw new Error(
        `${this.info.header}: a generator resolver needs msw's own handler (http.${String(this.info.method).toLowerCase()})`,
      );
    return { handler: this, request, requestId, response: (result ?? undefined) as Response | undefined, parsedResult };
  }
}

const isIterable = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);

const trimSlash = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** `http.post(path, resolver)`, matched and run by `ExactPathHandler`. */
export const exactPost = (path: string, resolver: HttpResponseResolver): HttpHandler =>
  new ExactPathHandler('POST', path, resolver);
