// 工作台账: the ledger with filters, paging, export, and a panel per task to record progress.
import {api, BASE, currentUser, get, qs} from '../api.js';
import {errorBox, field, h, joinUnits, render, select, toast} from '../dom.js';
import {go, link} from '../nav.js';
import {deadlineText, STATUSES, statusBadge, taskStatus} from '../status.js';
import {loadUnits} from '../units.js';

const PAGE = 50;

function filtersOf(params) {
  return {
    unit: params.get('unit') || '',
    status: params.get('status') || '',
    due_from: params.get('due_from') || '',
    due_to: params.get('due_to') || '',
    document_id: params.get('document_id') || '',
  };
}

async function detailPanel(panel, id, onChange) {
  panel.replaceChildren(h('p', {class: 'muted'}, '正在加载…'));
  let t;
  try {
    t = await get(`/tasks/${id}`);
  } catch (e) {
    panel.replaceChildren(errorBox(e));
    return;
  }
  const user = currentUser();
  const history = h('ol', {class: 'progress-list', reversed: true},
                    [...(t.progress || [])].reverse().map((p) => h('li', {},
                        h('div', {class: 'meta'}, h('span', {}, p.created_at), h('span', {}, p.author), p.status ? statusBadge(p.status) : null),
                        p.text ? h('div', {}, p.text) : null)));
  panel.replaceChildren(
      h('h2', {id: 'h-detail', tabindex: '-1'}, '任务详情'),
      h('dl', {class: 'facts'},
        h('dt', {}, '文件'), h('dd', {}, h('a', {href: link(`docs/${t.document_id}`, {task: t.id})},
                                           (t.document && (t.document.title || t.document.doc_number)) || `文件 ${t.document_id}`)),
        t.document && t.document.doc_number ? [h('dt', {}, '文号'), h('dd', {}, t.document.doc_number)] : null,
        t.path && t.path.length ? [h('dt', {}, '所属条目'), h('dd', {}, t.path.join(' › '))] : null,
        h('dt', {}, '任务'), h('dd', {class: 'task-text'}, t.text),
        h('dt', {}, '牵头单位'), h('dd', {}, joinUnits(t.lead_units) || '—'),
        h('dt', {}, '责任单位'), h('dd', {}, joinUnits(t.units) || '—'),
        h('dt', {}, '完成时限'), h('dd', {}, deadlineText(t.deadline)),
        h('dt', {}, '状态'), h('dd', {}, taskStatus(t), t.status_updated_at ? h('span', {class: 'muted'}, ` ${t.status_updated_at}`) : null)),
      h('h3', {}, '办理进展'),
      t.progress && t.progress.length ? history : h('p', {class: 'muted'}, '暂无进展记录。'));
  if (!user || user.role === 'viewer') {
    panel.append(h('p', {class: 'muted'}, user ? '只读用户不能记录进展。' : '登录后可记录进展。'));
    return;
  }
  const text = h('textarea', {name: 'text', maxlength: 10000});
  const status = select('status', [['', '（不改变）'], ...STATUSES], '');
  const result = h('div', {class: 'status'});
  const submit = h('button', {type: 'submit', class: 'primary'}, '提交进展');
  const form = h('form', {'aria-labelledby': 'h-report'}, h('h3', {id: 'h-report'}, '记录进展'),
                 field('进展情况', text), field('状态', status), result, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const body = {};
    if (text.value.trim()) body.text = text.value.trim();
    if (status.value) body.status = status.value;
    if (!body.text && !body.status) {
      result.append(h('p', {class: 'error', role: 'alert'}, '请填写进展情况或选择状态。'));
      return;
    }
    submit.disabled = true;
    try {
      await api('POST', `/tasks/${id}/progress`, body);
      toast('进展已记录。');
      await detailPanel(panel, id, onChange);
      onChange();
    } catch (e) {
      result.append(errorBox(e));
    } finally {
      submit.disabled = false;
    }
  });
  panel.append(form);
}

export async function ledgerView({params, isCurrent}) {
  const f = filtersOf(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const offset = (page - 1) * PAGE;
  const selected = params.get('task');

  const [units, res] = await Promise.all([loadUnits(), get('/tasks', {...f, limit: PAGE, offset})]);
  if (!isCurrent()) return;

  const unit = select('unit', [['', '全部单位'], ...units.map((u) => [u.unit, `${u.unit}（${u.task_count}）`])], f.unit);
  const status = select('status', [['', '全部状态'], ...STATUSES], f.status);
  const from = h('input', {type: 'date', name: 'due_from', value: f.due_from});
  const to = h('input', {type: 'date', name: 'due_to', value: f.due_to});
  const form = h('form', {class: 'filters', 'aria-label': '筛选台账'},
                 field('单位', unit), field('状态', status), field('时限从', from), field('时限至', to),
                 h('button', {type: 'submit', class: 'primary'}, '筛选'),
                 h('a', {href: '#/ledger', class: 'button'}, '清除'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go('ledger', {unit: unit.value, status: status.value, due_from: from.value, due_to: to.value, document_id: f.document_id});
  });

  const user = currentUser();
  const exportParams = qs({unit: f.unit, status: f.status, due_from: f.due_from, due_to: f.due_to});
  const toolbar = h('div', {class: 'toolbar'},
                    h('span', {class: 'count', 'data-total': res.total}, `共 ${res.total} 项任务`),
                    f.document_id ? h('span', {}, `（仅文件 ${f.document_id}，`, h('a', {href: link('ledger', {...f, document_id: ''})}, '显示全部'), '）') : null,
                    h('a', {class: 'button', href: `${BASE}/tasks.csv${exportParams}`, download: ''}, '导出 CSV'),
                    h('a', {class: 'button', href: `${BASE}/tasks.xlsx${exportParams}`, download: ''}, '导出 Excel'),
                    user && user.unit && user.unit !== f.unit ? h('a', {class: 'button', href: link('ledger', {unit: user.unit})}, '只看本单位') : null,
                    f.unit ? h('a', {class: 'button', href: link(`units/${encodeURIComponent(f.unit)}`)}, '单位看板') : null);

  const panel = h('aside', {class: 'panel', 'aria-labelledby': 'h-detail'}, h('h2', {id: 'h-detail'}, '任务详情'),
                  h('p', {class: 'muted'}, '在表中选择一项任务，查看详情并记录进展。'));
  const here = (extra) => link('ledger', {...f, page: page > 1 ? page : '', ...extra});
  const rows = res.items.map((t, i) => h('tr', {'data-task': t.id, class: String(t.id) === selected ? 'selected' : ''},
      h('td', {}, String(offset + i + 1)),
      h('td', {}, h('a', {href: `#/docs/${t.document_id}`}, (t.document && (t.document.title || t.document.doc_number)) || `文件 ${t.document_id}`),
        t.document && t.document.doc_number ? h('div', {class: 'muted'}, t.document.doc_number) : null),
      h('td', {class: 'task'}, t.text),
      h('td', {class: 'lead'}, joinUnits(t.lead_units)),
      h('td', {class: 'units'}, joinUnits(t.units)),
      h('td', {}, deadlineText(t.deadline)),
      h('td', {class: 'status'}, taskStatus(t)),
      h('td', {}, h('a', {href: here({task: t.id}), 'aria-label': `任务 ${offset + i + 1} 详情`}, '详情'))));
  const pages = Math.max(1, Math.ceil(res.total / PAGE));
  const pager = h('nav', {class: 'pager', 'aria-label': '翻页'},
                  page > 1 ? h('a', {href: link('ledger', {...f, page: page - 1})}, '上一页') : null,
                  h('span', {}, `第 ${page} / ${pages} 页`),
                  page < pages ? h('a', {href: link('ledger', {...f, page: page + 1})}, '下一页') : null);

  render('工作台账', h('h1', {}, '工作台账'), form, toolbar,
         h('div', {class: 'split'},
           h('div', {},
             rows.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'ledger'},
                 h('caption', {class: 'muted'}, '任务列表'),
                 h('thead', {}, h('tr', {}, ['序号', '文件', '任务', '牵头单位', '责任单位', '完成时限', '状态', ''].map((c) => h('th', {scope: 'col'}, c)))),
                 h('tbody', {}, rows)))
                         : h('p', {}, '没有符合条件的任务。'),
             pager),
           panel));

  if (selected) {
    await detailPanel(panel, selected, async () => {
      // Refresh the row's status after a report.
      try {
        const t = await get(`/tasks/${selected}`);
        const cell = document.querySelector(`tr[data-task="${selected}"] td.status`);
        if (cell) cell.replaceChildren(taskStatus(t));
      } catch {
        // The panel shows errors.
      }
    });
    panel.querySelector('#h-detail')?.focus({preventScroll: false});
  }
}
