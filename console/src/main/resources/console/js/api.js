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
  const token = currentToken();
  if (!token) {
    await signIn(location.hash);
    throw new ApiError(401);
  }
  const response = await fetch(path + queryOf(params), {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (response.status === 401) {
    forgetToken();
    await signIn(location.hash);
    throw new ApiError(401);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  return response.json();
}
