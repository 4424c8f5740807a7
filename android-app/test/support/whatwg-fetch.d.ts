// whatwg-fetch ships no types: the fetch React Native installs (Libraries/Network/fetch.js), as the tests use it.
declare module 'whatwg-fetch' {
  export const fetch: typeof globalThis.fetch;
}
