// 单位看板: a unit's tasks by status, overdue and due-soon lists, completion rate, and links to
// its iCalendar feed and printable 督办通知.
import {BASE, get} from '../api.js';
import {h, render} from '../dom.js';
import {link} from '../nav.js';
import {deadlineText, STATUSES, statusBadge} from '../status.js';
import {loadUnits} from '../units.js';

export async function unitsView({isCurrent}) {
  const units = await loadUnits();
  if (!isCurrent()) return;
  render('单位看板', h('h1', {}, '单位看板'),
         h('p', {class: 'muted'}, '选择单位，查看其任务、逾期与临期情况。'),
         h('ul', {class: 'unit-grid'}, units.map((u) => h('li', {},
             h('a', {href: link(`units/${encodeURIComponent(u.unit)}`)}, u.unit, h('div', {class: 'muted'}, `${u.task_count} 项任务`))))));
}

const short = (s) => (s && s.length > 60 ? `${s.slice(0, 60)}…` : s || '（无内容）');

function taskList(items, empty) {
  if (!items) return h('p', {class: 'muted'}, '跟踪督办功能暂不可用。');
  if (!items.length) return h('p', {class: 'muted'}, empty);
  return h('ul', {}, items.map((t) => h('li', {},
      h('a', {href: link('ledger', {unit: '', task: t.id, document_id: t.document_id})}, short(t.text)),
      h('span', {class: 'muted'}, ` ${deadlineText(t.deadline)}`), ' ', statusBadge(t.status))));
}

// Follow-up answers 404 until that module is wired in; the board works without it.
async function optional(promise) {
  try {
    return await promise;
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

export async function unitView({match, isCurrent}) {
  const unit = match[0];
  const enc = encodeURIComponent(unit);
  const [tasks, overdue, soon, rates] = await Promise.all([
    get('/tasks', {unit, limit: 1000}),
    optional(get('/followup/overdue', {unit})),
    optional(get('/followup/due-soon', {unit})),
    optional(get('/followup/rates')),
  ]);
  if (!isCurrent()) return;

  const byStatus = new Map(STATUSES.map((s) => [s, []]));
  for (const t of tasks.items) (byStatus.get(t.status) || byStatus.set(t.status, []).get(t.status)).push(t);
  const done = byStatus.get('已完成').length;
  const applicable = tasks.items.length - byStatus.get('不适用').length;
  const rateRow = rates && (rates.by_unit || []).find((r) => r.name === unit);
  const rate = rateRow ? rateRow.rate : (applicable ? done / applicable : 0);
  const pct = `${(rate * 100).toFixed(1)}%`;

  const stat = (label, value) => h('div', {class: 'stat'}, h('strong', {}, String(value)), label);
  render(`${unit} 看板`,
         h('p', {}, h('a', {href: '#/units'}, '‹ 全部单位')),
         h('h1', {}, `${unit} 看板`),
         h('div', {class: 'toolbar'},
           h('a', {class: 'button', href: link('ledger', {unit})}, '在台账中查看'),
           h('a', {class: 'button', href: `${BASE}/units/${enc}/notice`, target: '_blank', rel: 'noopener'}, '打印督办通知'),
           h('a', {class: 'button', href: `${BASE}/units/${enc}/calendar.ics`}, '订阅时限日历（iCalendar）')),
         h('div', {class: 'stats'},
           stat('任务总数', tasks.total),
           [...byStatus].map(([s, list]) => stat(s, list.length)),
           overdue ? stat('逾期', overdue.items.length) : null,
           h('div', {class: 'stat'}, h('strong', {}, pct), '完成率',
             h('div', {class: 'rate', role: 'img', 'aria-label': `完成率 ${pct}`}, h('span', {style: `width:${(rate * 100).toFixed(1)}%`})))),
         h('section', {'aria-labelledby': 'h-overdue'}, h('h2', {id: 'h-overdue'}, '逾期任务'),
           taskList(overdue && overdue.items, '没有逾期任务。')),
         h('section', {'aria-labelledby': 'h-soon'}, h('h2', {id: 'h-soon'}, '即将到期（5 个工作日内）'),
           taskList(soon && soon.items, '近期没有到期任务。')),
         h('section', {'aria-labelledby': 'h-bystatus'}, h('h2', {id: 'h-bystatus'}, '按状态'),
           [...byStatus].filter(([, list]) => list.length).map(([s, list]) => h('details', {open: s !== '已完成' && s !== '不适用'},
               h('summary', {}, `${s}（${list.length}）`), taskList(list, '')))),
         tasks.total > tasks.items.length ? h('p', {class: 'muted'}, `仅显示前 ${tasks.items.length} 项，`, h('a', {href: link('ledger', {unit})}, '在台账中查看全部'), '。') : null);
}
