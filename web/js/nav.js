// Hash navigation shared by the views: #/path?key=value.

let rerender = () => {};
export function onSameRoute(fn) {
  rerender = fn;
}

//! Navigates to path with the given parameters (empty values dropped).
export function go(path, params) {
  const hash = link(path, params);
  if (location.hash === hash) rerender();
  else location.hash = hash;
}

//! "#/path?k=v" for an href.
export function link(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}

//! The current route: path without "#/" and its query parameters.
export function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  return {
    path: q < 0 ? raw : raw.slice(0, q),
    params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}
