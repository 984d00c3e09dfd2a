// The JSON API under /api/v1/ (docs/openapi.yaml). Keeps the session's CSRF token and sends it
// as X-CSRF-Token on every request that changes something.

export const BASE = 'api/v1';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const state = {user: null, csrf: sessionStorage.getItem('duban.csrf')};

export function currentUser() {
  return state.user;
}

function setSession(body) {
  state.user = body && body.user ? body.user : null;
  state.csrf = body && body.csrf_token ? body.csrf_token : null;
  if (state.csrf) sessionStorage.setItem('duban.csrf', state.csrf);
  else sessionStorage.removeItem('duban.csrf');
}

const fallback = {
  400: '请求有误。',
  401: '请先登录。',
  403: '没有权限执行此操作。',
  404: '未找到。',
  409: '数据已被修改，请刷新后重试。',
  413: '提交的内容过大。',
  429: '尝试次数过多，请稍后再试。',
};

//! Query string from an object, skipping empty values.
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function api(method, path, body) {
  const headers = {Accept: 'application/json'};
  const init = {method, headers, credentials: 'same-origin'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let res;
  try {
    res = await fetch(`${BASE}${path}`, init);
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络。');
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const msg = (data && (data.error || data.message)) || fallback[res.status] ||
                `服务器错误（${res.status}）。`;
    if (res.status === 401 && path !== '/session') setSession(null);
    throw new ApiError(res.status, msg);
  }
  return data;
}

export const get = (path, params) => api('GET', path + qs(params));

//! Asks the server who is logged in (a reload keeps the cookie but not our memory of it).
export async function loadSession() {
  try {
    setSession(await api('GET', '/session'));
  } catch (e) {
    if (e.status === 401 || e.status === 404) setSession(null);
    else throw e;
  }
  return state.user;
}

export async function login(name, password) {
  setSession(await api('POST', '/session', {name, password}));
  return state.user;
}

export async function logout() {
  try {
    await api('DELETE', '/session');
  } finally {
    setSession(null);
  }
}
