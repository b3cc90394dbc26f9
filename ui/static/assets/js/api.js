// The one way the pages talk to the server: GraphQL at POST /graphql, and
// plain GETs for diagrams and exports. Every failure becomes an ApiError
// with a message a researcher can act on and the server's error code.

/** ApiError is a failed request: code is the GraphQL extensions.code, an
 * HTTP status ("HTTP_404") or NETWORK. */
export class ApiError extends Error {
  constructor(message, { code = 'ERROR', status = 0, errors = [] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.errors = errors;
  }
}

/** isAbort reports whether err is a request cancelled by navigation. */
export function isAbort(err) {
  return err && err.name === 'AbortError';
}

/** gql runs a GraphQL query and returns its data, or throws an ApiError. */
export async function gql(query, variables = {}, { signal } = {}) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError('The server could not be reached. Check that crimegraph is running, then retry.', { code: 'NETWORK' });
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (isAbort(err)) throw err;
  }
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    const e = body.errors[0];
    const code = (e.extensions && e.extensions.code) || (res.ok ? 'ERROR' : `HTTP_${res.status}`);
    throw new ApiError(String(e.message || 'The server reported an error.'), { code, status: res.status, errors: body.errors });
  }
  if (!res.ok || !body || !body.data) {
    const what = res.status === 404 ? 'The GraphQL API is not available on this server (HTTP 404).' : `The server answered HTTP ${res.status} without data.`;
    throw new ApiError(what, { code: `HTTP_${res.status}`, status: res.status });
  }
  return body.data;
}

/** fetchText GETs url and returns its text, or throws an ApiError whose
 * message is the server's own when it sent {"error": {code, message}}. */
export async function fetchText(url, { signal, what = 'resource' } = {}) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'image/svg+xml, text/plain, */*' } });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError('The server could not be reached. Check that crimegraph is running, then retry.', { code: 'NETWORK' });
  }
  const text = await res.text();
  if (res.ok) return { text, contentType: res.headers.get('Content-Type') || '' };
  let message = '';
  let code = `HTTP_${res.status}`;
  try {
    const j = JSON.parse(text);
    if (j && j.error) {
      message = String(j.error.message || '');
      code = String(j.error.code || code);
    }
  } catch {
    message = text.trim().slice(0, 300);
  }
  if (res.status === 404 && (!message || /^404 page not found$/i.test(message) || /^not found$/i.test(message))) {
    message = `This server does not provide the ${what} (HTTP 404).`;
  }
  throw new ApiError(message || `The server answered HTTP ${res.status}.`, { code, status: res.status });
}

const LIMITS = `query Limits {
  limits { maxPage maxDepth defaultEdgeKinds edgeKinds maxPathLength defaultPathLength maxPaths complexity }
}`;

let limitsPromise = null;

/** limits returns the server's caps and defaults (Query.limits), read once
 * per page load: the explorer never repeats them. A failed read is retried
 * by the next call. */
export function limits() {
  if (!limitsPromise) {
    limitsPromise = gql(LIMITS).then((d) => d.limits).catch((err) => { limitsPromise = null; throw err; });
  }
  return limitsPromise;
}

/** complexityBudget is what one request may cost: well under the server's
 * complexity limit (limits.complexity), which counts every field times the
 * page size of each list around it. */
export function complexityBudget(lim) {
  return Math.floor(lim.complexity * 0.6);
}

/** inBatches splits items into batches of at most size, runs run(batch)
 * for each with at most `parallel` requests in flight, and returns the
 * results in order. */
export async function inBatches(items, size, run, { parallel = 4 } = {}) {
  const batches = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  const out = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      out[i] = await run(batches[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  return out;
}
