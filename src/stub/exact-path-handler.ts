// An msw HttpHandler for one fixed path, the stub's webhook route. msw's own matching compiles the
// path with path-to-regexp, parses the URL and asks its cookie store on every request; for a path
// with no parameters a string compare gives the same answer (profiled under autocannon, issue 7).
import { HttpHandler, type HttpHandlerMethod, type HttpResponseResolver, type HttpRequestParsedResult, type RequestHandlerOptions } from 'msw';

/** Characters that make a path a pattern (params, wildcards, groups): such paths keep msw's matching. */
const PATTERN = /[:*?+(){}]/;

export class ExactPathHandler extends HttpHandler {
  /** Lower case without a trailing slash, as path-to-regexp matches by default; null for a pattern. */
  readonly #exact: string | null;

  constructor(method: HttpHandlerMethod, path: string, resolver: HttpResponseResolver, options?: RequestHandlerOptions) {
    super(method, path, resolver, options);
    this.#exact = PATTERN.test(path) ? null : trimSlash(path.toLowerCase());
  }

  /** Same result as msw's, with no cookies: the stub's resolvers never read them. */
  override async parse(args: Parameters<HttpHandler['parse']>[0]): Promise<HttpRequestParsedResult> {
    if (this.#exact === null) return super.parse(args);
    const matches = trimSlash(new URL(args.request.url).pathname.toLowerCase()) === this.#exact;
    return { match: { matches, params: {} }, cookies: {} };
  }
}

const trimSlash = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** `http.post(path, resolver)`, matched by `ExactPathHandler`. */
export const exactPost = (path: string, resolver: HttpResponseResolver): HttpHandler => new ExactPathHandler('POST', path, resolver);
