// 文件阅读: a document's text with extracted units, deadlines and amounts marked, its
// outline, its tasks and its citations.
import {get} from '../api.js';
import {h, joinUnits, render} from '../dom.js';
import {docLabel, documentIndex} from '../docindex.js';
import {findMarks, needlesOf, renderText} from '../highlight.js';
import {link} from '../nav.js';
import {deadlineText, taskStatus} from '../status.js';

function scrollToLine(textEl, line) {
  const el = textEl.querySelector(`[data-line="${line}"]`);
  if (!el) return;
  el.scrollIntoView({block: 'start'});
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1500);
}

function outlineList(nodes, textEl) {
  if (!nodes || !nodes.length) return null;
  return h('ul', {}, nodes.map((n) => h('li', {},
      h('button', {type: 'button', onclick: () => n.lines && scrollToLine(textEl, n.lines.start)},
        [n.label, n.title].filter(Boolean).join(' ') || '（无标题）'),
      outlineList(n.children, textEl))));
}

function facts(doc, p) {
  const rows = [
    ['文号', doc.doc_number],
    ['发文机关', doc.issuer],
    ['成文日期', doc.date],
    ['文种', doc.kind],
    ['主送', (p.recipients || []).join('、')],
    ['附件', (p.attachments || []).join('；')],
    ['有效期', p.effective ? [p.effective.from && `自 ${p.effective.from}`, p.effective.until && `至 ${p.effective.until}`].filter(Boolean).join(' ') : ''],
    ['公开', doc.is_public ? '此件公开发布' : ''],
    ['来源', `${doc.source_file} 第 ${doc.lines.start}–${doc.lines.end} 行`],
  ];
  const dl = h('dl', {class: 'facts'});
  for (const [k, v] of rows) if (v) dl.append(h('dt', {}, k), h('dd', {}, v));
  if (doc.previous_version) dl.append(h('dt', {}, '版本'), h('dd', {}, `第 ${doc.version} 版，替代 `, h('a', {href: `#/docs/${doc.previous_version}`}, '上一版')));
  if (doc.superseded_by) dl.append(h('dt', {}, '已更新'), h('dd', {}, h('a', {href: `#/docs/${doc.superseded_by}`}, '查看新版本')));
  return dl;
}

function legend() {
  return h('p', {class: 'legend', 'aria-label': '标注说明'},
           h('span', {}, h('mark', {class: 'unit'}, '单位')),
           h('span', {}, h('mark', {class: 'deadline'}, '时限')),
           h('span', {}, h('mark', {class: 'amount'}, '数额与指标')));
}

export async function readerView({match, params, isCurrent}) {
  const id = Number(match[0]);
  const doc = await get(`/documents/${id}`);
  if (!isCurrent()) return;
  const p = doc.parsed || {};
  const marks = findMarks(doc.text || '', needlesOf(p));
  const textEl = renderText(doc.text || '', marks, doc.lines ? doc.lines.start : 1);
  textEl.setAttribute('aria-label', '正文');
  textEl.tabIndex = 0;

  const byKey = new Map((p.tasks || []).map((t) => [t.id, t]));
  const tasks = doc.tasks;
  const taskSection = h('section', {'aria-labelledby': 'h-tasks'}, h('h2', {id: 'h-tasks'}, `任务（${tasks ? tasks.length : (p.tasks || []).length}）`));
  if (tasks) {
    const rows = tasks.map((t) => {
      const pt = byKey.get(t.key);
      return h('tr', {'data-task': t.id, class: String(t.id) === params.get('task') ? 'selected' : ''},
               h('td', {}, String(t.seq)),
               h('td', {class: 'task'}, t.path && t.path.length ? h('div', {class: 'muted'}, t.path.join(' › ')) : null, t.text,
                 pt && pt.lines ? h('div', {}, h('button', {type: 'button', onclick: () => scrollToLine(textEl, pt.lines.start)}, '在正文中定位')) : null),
               h('td', {}, joinUnits(t.lead_units)),
               h('td', {}, joinUnits(t.units)),
               h('td', {}, deadlineText(t.deadline)),
               h('td', {}, taskStatus(t)),
               h('td', {}, h('a', {href: link('ledger', {document_id: doc.id, task: t.id})}, '台账')));
    });
    taskSection.append(rows.length ? h('div', {class: 'table-wrap'}, h('table', {},
        h('thead', {}, h('tr', {}, ['序号', '任务', '牵头单位', '责任单位', '完成时限', '状态', ''].map((c) => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, rows))) : h('p', {}, '本文件没有提取到任务。'));
  } else {
    taskSection.append(h('p', {class: 'muted'}, h('a', {href: '#/login'}, '登录'), '后可查看任务的办理状态。'),
                       h('ol', {}, (p.tasks || []).map((t) => h('li', {}, t.text))));
  }

  const cites = (doc.citations && doc.citations.from) || [];
  const citedBy = (doc.citations && doc.citations.to) || [];
  const citeSection = h('section', {'aria-labelledby': 'h-cites'}, h('h2', {id: 'h-cites'}, '引用关系'),
      h('h3', {}, '本文引用'),
      cites.length ? h('ul', {class: 'cites-from'}, cites.map((c) => h('li', {},
          c.to_document ? h('a', {href: `#/docs/${c.to_document}`}, c.title ? `《${c.title}》` : c.doc_number)
                        : (c.title ? `《${c.title}》` : ''),
          c.doc_number && (c.title || !c.to_document) ? `（${c.doc_number}）` : '',
          c.to_document ? '' : h('span', {class: 'muted'}, ' 未收录')))) : h('p', {class: 'muted'}, '无'),
      h('h3', {}, '被以下文件引用'));
  const citedList = h('ul', {class: 'cites-to'});
  citeSection.append(citedBy.length ? citedList : h('p', {class: 'muted'}, '无'));

  render(doc.title || doc.doc_number || '文件',
         h('p', {}, h('a', {href: '#/docs'}, '‹ 文件库')),
         h('h1', {}, doc.title || doc.doc_number || `文件 ${doc.id}`),
         facts(doc, p),
         legend(),
         h('div', {class: 'reader'},
           h('nav', {class: 'outline', 'aria-label': '提纲'}, h('h2', {}, '提纲'),
             outlineList(p.outline, textEl) || h('p', {class: 'muted'}, '无')),
           h('section', {'aria-label': '正文'}, textEl)),
         taskSection, citeSection);

  const focusTask = params.get('task');
  if (focusTask && tasks) {
    const t = tasks.find((x) => String(x.id) === focusTask);
    const pt = t && byKey.get(t.key);
    if (pt && pt.lines) scrollToLine(textEl, pt.lines.start);
  }

  if (citedBy.length) {
    const index = await documentIndex().catch(() => new Map());
    for (const c of citedBy) {
      citedList.append(h('li', {}, h('a', {href: `#/docs/${c.from_document}`}, docLabel(index.get(c.from_document), c.from_document))));
    }
  }
}
