// The public API with the signed-in staff member's token: the same calls, scoping and answers as any API client's.
import { currentToken, forgetToken, signIn } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The query string of the parameters that have a value. */
export function queryOf(params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export async function get(path, params) {
  return request('GET', path + queryOf(params));
}

/**
 * A write: {@code body} goes as JSON (or no body when undefined). Answers the parsed JSON, or null for an empty answer
 * (204). A refusal throws an ApiError carrying the problem+json, whose {@code errors[]} name every invalid field.
 */
export async function send(method, path, body, headers = {}) {
  return request(method, path, body, headers);
}

async function request(method, path, body, headers = {}) {
  const token = currentToken();
  if (!token) {
    await signIn(location.hash);
    throw new ApiError(401);
  }
  const response = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    forgetToken();
    await signIn(location.hash);
    throw new ApiError(401);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
