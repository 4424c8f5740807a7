// How the engine names an HTTP status in its own words. The webhook server's answer never goes into
// an error: servers echo what they were sent (sender, text), and errors travel to /health, the
// device log and the phone's Health and Errors screens, where anyone near the device reads them.

/** Reason phrases of RFC 9110 for the statuses a webhook answers with; others get none. */
const reasonPhrases: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  511: 'Network Authentication Required',
};

/** The status class of RFC 9110 §15, in words. */
export function statusClass(status: number): string {
  if (status >= 100 && status < 200) return 'informational';
  if (status >= 200 && status < 300) return 'success';
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 400 && status < 500) return 'client error';
  if (status >= 500 && status < 600) return 'server error';
  return 'nonstandard status';
}

/** `HTTP 503 Service Unavailable (server error)`: the status, its standard name and its class. */
export function httpStatusText(status: number): string {
  const phrase = reasonPhrases[status];
  return `HTTP ${status}${phrase ? ` ${phrase}` : ''} (${statusClass(status)})`;
}
