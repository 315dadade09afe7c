/** A small fetch client that keeps cookies like a browser, for API tests. */
export class ApiClient {
  readonly #base: string;
  readonly #cookies = new Map<string, string>();
  accessToken: string | undefined;

  constructor(base: string) {
    this.#base = base;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
        ...(this.#cookies.size ? { cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.#cookies.delete(name.trim());
      else this.#cookies.set(name.trim(), value);
    }
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    return { status: response.status, headers: response.headers, body: json as any };
  }

  /** Raw bytes to an upload endpoint (`POST /api/files` and the like), named as the UI names them. */
  async upload(path: string, bytes: Buffer, type: string, name: string) {
    const response = await fetch(`${this.#base}${path}?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}) },
      // A copy the DOM's fetch types accept as well as Node's.
      body: new Uint8Array(bytes),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body);
}
