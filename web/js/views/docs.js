// 文件库: the document list with filters, and search with highlighted snippets.
import {get} from '../api.js';
import {errorBox, field, h, render} from '../dom.js';
import {go, link} from '../nav.js';

const PAGE = 20;

// Values for the filter suggestions, read once from the first documents.
let facets = null;
async function loadFacets() {
  if (facets) return facets;
  const res = await get('/documents', {limit: 1000});
  const issuers = new Set();
  const years = new Set();
  const kinds = new Set();
  for (const d of res.items || []) {
    if (d.issuer) issuers.add(d.issuer);
    if (d.year) years.add(d.year);
    if (d.kind) kinds.add(d.kind);
  }
  facets = {
    issuers: [...issuers].sort((a, b) => a.localeCompare(b, 'zh')),
    years: [...years].sort((a, b) => b - a),
    kinds: [...kinds].sort((a, b) => a.localeCompare(b, 'zh')),
  };
  return facets;
}

function datalist(id, values) {
  return h('datalist', {id}, values.map((v) => h('option', {value: v})));
}

//! Renders a server snippet. The API HTML-escapes the text and adds only <mark> tags, so it is
//! inserted as HTML; anything but <mark> is still dropped as a second guard.
function snippet(html) {
  const p = h('p', {class: 'snippet'});
  const tpl = document.createElement('template');
  tpl.innerHTML = html || '';
  for (const node of tpl.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) p.append(node.textContent);
    else if (node.nodeName === 'MARK') p.append(h('mark', {}, node.textContent));
    else p.append(node.textContent);
  }
  return p;
}

function docMeta(d) {
  return h('div', {class: 'meta'},
           d.doc_number ? h('span', {}, d.doc_number) : null,
           d.issuer ? h('span', {}, d.issuer) : null,
           d.date ? h('span', {}, d.date) : null,
           d.kind ? h('span', {}, d.kind) : null,
           d.task_count ? h('span', {}, `${d.task_count} 项任务`) : null,
           d.version > 1 ? h('span', {}, `第 ${d.version} 版`) : null);
}

// exact: false when `total` is a lower bound (a broad search counts only what it ranks);
// a later page counts further.
function pager(params, total, offset, exact = true) {
  const page = Math.floor(offset / PAGE) + 1;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const to = (p) => link('docs', {...Object.fromEntries(params), page: p > 1 ? p : ''});
  return h('nav', {class: 'pager', 'aria-label': '翻页'},
           page > 1 ? h('a', {href: to(page - 1)}, '上一页') : null,
           h('span', {}, exact ? `第 ${page} / ${pages} 页，共 ${total} 条` : `第 ${page} 页，至少 ${total} 条`),
           page < pages ? h('a', {href: to(page + 1)}, '下一页') : null);
}

export async function docsView({params, isCurrent}) {
  const q = params.get('q') || '';
  const filters = {issuer: params.get('issuer') || '', year: params.get('year') || '', kind: params.get('kind') || ''};
  const page = Math.max(1, Number(params.get('page')) || 1);
  const offset = (page - 1) * PAGE;

  const qInput = h('input', {type: 'search', name: 'q', value: q, placeholder: '关键词、文号或拼音'});
  const issuer = h('input', {name: 'issuer', value: filters.issuer, list: 'dl-issuers'});
  const year = h('input', {name: 'year', value: filters.year, list: 'dl-years', inputmode: 'numeric', size: 6});
  const kind = h('input', {name: 'kind', value: filters.kind, list: 'dl-kinds', size: 8});
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': '搜索与筛选'},
                 h('div', {class: 'field grow'}, h('label', {for: 'q'}, '搜索'), Object.assign(qInput, {id: 'q'})),
                 field('发文机关', issuer), field('年份', year), field('文种', kind),
                 h('button', {type: 'submit', class: 'primary'}, '查询'),
                 h('a', {href: '#/docs', class: 'button'}, '清除'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go('docs', {q: qInput.value.trim(), issuer: issuer.value.trim(), year: year.value.trim(), kind: kind.value.trim()});
  });
  const results = h('section', {'aria-live': 'polite', 'aria-busy': 'true'}, h('p', {class: 'muted'}, '正在查询…'));
  render(q ? `搜索：${q}` : '文件库', h('h1', {}, '文件库'), form, results);

  loadFacets().then((f) => {
    form.append(datalist('dl-issuers', f.issuers), datalist('dl-years', f.years), datalist('dl-kinds', f.kinds));
  }, () => {});

  try {
    if (q) {
      const res = await get('/search', {q, ...filters, limit: PAGE, offset});
      if (!isCurrent()) return;
      results.replaceChildren(
          h('p', {class: 'muted'}, res.total_exact === false ? `找到至少 ${res.total} 条结果` : `找到 ${res.total} 条结果`,
            res.interpreted_as ? `（查询理解为：${res.interpreted_as}）` : ''),
          h('ul', {class: 'hits'}, res.hits.map((hit) => h('li', {'data-kind': hit.kind},
              h('a', {href: link(`docs/${hit.document_id}`, hit.task_id ? {task: hit.task_id} : {})},
                hit.kind === 'task' ? '［任务］' : '', hit.title || hit.doc_number || `文件 ${hit.document_id}`),
              h('div', {class: 'meta'}, hit.doc_number ? h('span', {}, hit.doc_number) : null),
              snippet(hit.snippet)))),
          pager(params, res.total, offset, res.total_exact !== false));
    } else {
      const res = await get('/documents', {...filters, limit: PAGE, offset});
      if (!isCurrent()) return;
      results.replaceChildren(
          res.items.length ? h('ul', {class: 'hits'}, res.items.map((d) => h('li', {},
              h('a', {href: `#/docs/${d.id}`}, d.title || d.doc_number || `文件 ${d.id}`), docMeta(d))))
                           : h('p', {}, '没有符合条件的文件。'),
          pager(params, res.total, offset));
    }
  } catch (e) {
    if (e.status === 401) throw e;
    results.replaceChildren(errorBox(e));
  }
  results.setAttribute('aria-busy', 'false');
}
