// Small DOM helpers. Text always goes in as text nodes; the only HTML the UI inserts is the
// server's escaped search snippets (see views/docs.js).

//! h('a', {href: '#/x', class: 'c'}, 'text', child, [more]) -> element.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

//! Replaces the main area with the given children and moves focus there for screen readers.
export function render(title, ...children) {
  const main = document.getElementById('main');
  clear(main);
  append(main, children);
  document.title = `${title} · 督办`;
  return main;
}

let toastTimer = 0;
export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

//! A labelled form field: label + control, the control gets an id for the label.
let fieldSeq = 0;
export function field(labelText, control, hint) {
  if (!control.id) control.id = `f${++fieldSeq}`;
  return h('div', {class: 'field'}, h('label', {for: control.id}, labelText), control,
           hint ? h('small', {class: 'muted'}, hint) : null);
}

export function select(name, options, value) {
  const s = h('select', {name});
  for (const o of options) {
    const [v, text] = Array.isArray(o) ? o : [o, o];
    s.append(h('option', {value: v, selected: String(v) === String(value ?? '')}, text));
  }
  return s;
}

//! Error box for a failed request: the server's Chinese message.
export function errorBox(err) {
  return h('p', {class: 'error', role: 'alert'}, err && err.message ? err.message : String(err));
}

export function joinUnits(units) {
  return (units || []).join('、');
}
