export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (a string or bytes), with the content type given in `headers`. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A real HTTP request to a running app; JSON in and out unless `raw` is given. */
export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.raw;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  // The cast spans the DOM and undici typings of fetch, which disagree on Uint8Array bodies.
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body as unknown as BodyInit | undefined });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (e.g. metrics, a web page): the text is the body.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/**
 * Polls `probe` every `intervalMs` until it returns a defined value or the time runs out: the one
 * polling loop of the tests, benches and chaos harness.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
