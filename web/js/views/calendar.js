// 时限日历: the deadlines of one month on a calendar (weeks start on Monday).
import {get} from '../api.js';
import {field, h, render, select} from '../dom.js';
import {go, link} from '../nav.js';
import {loadUnits} from '../units.js';

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export async function calendarView({params, isCurrent}) {
  const now = new Date();
  const m = /^(\d{4})-(\d{2})$/.exec(params.get('month') || '');
  const year = m ? Number(m[1]) : now.getFullYear();
  const month = m ? Number(m[2]) - 1 : now.getMonth();
  const unitName = params.get('unit') || '';
  const first = new Date(year, month, 1);
  const last = new Date(year, month + 1, 0);
  const monthKey = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

  const [units, res] = await Promise.all([
    loadUnits(),
    get('/tasks', {due_from: iso(first), due_to: iso(last), unit: unitName, limit: 1000}),
  ]);
  if (!isCurrent()) return;

  const byDay = new Map();
  for (const t of res.items) {
    const d = t.deadline && t.deadline.date;
    if (!d) continue;
    if (!byDay.has(d)) byDay.set(d, []);
    byDay.get(d).push(t);
  }

  const monthInput = h('input', {type: 'month', name: 'month', value: monthKey(first)});
  const unit = select('unit', [['', '全部单位'], ...units.map((u) => [u.unit, u.unit])], unitName);
  const form = h('form', {class: 'filters', 'aria-label': '选择月份'}, field('月份', monthInput), field('单位', unit),
                 h('button', {type: 'submit', class: 'primary'}, '查看'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go('calendar', {month: monthInput.value, unit: unit.value});
  });

  const start = new Date(first);
  start.setDate(1 - ((first.getDay() + 6) % 7));  // back to Monday
  const today = iso(now);
  const weeks = [];
  for (let d = new Date(start); d <= last || d.getDay() !== 1; d.setDate(d.getDate() + 1)) {
    if (d.getDay() === 1) weeks.push(h('tr'));
    const key = iso(d);
    const items = byDay.get(key) || [];
    const inMonth = d.getMonth() === month;
    weeks[weeks.length - 1].append(h('td', {class: [inMonth ? '' : 'other', key === today ? 'today' : ''].join(' ').trim(), 'data-date': key},
        h('div', {class: 'day'}, String(d.getDate()), items.length ? h('span', {class: 'muted'}, ` · ${items.length} 项`) : null),
        items.length ? h('ul', {}, items.map((t) => h('li', {},
            h('a', {href: link('ledger', {document_id: t.document_id, task: t.id}), title: t.text}, t.text)))) : null));
  }

  const prev = new Date(year, month - 1, 1);
  const next = new Date(year, month + 1, 1);
  render('时限日历', h('h1', {}, '时限日历'), form,
         h('nav', {class: 'pager', 'aria-label': '切换月份'},
           h('a', {href: link('calendar', {month: monthKey(prev), unit: unitName})}, '‹ 上个月'),
           h('strong', {}, `${year}年${month + 1}月`),
           h('a', {href: link('calendar', {month: monthKey(next), unit: unitName})}, '下个月 ›'),
           h('span', {class: 'muted'}, `本月到期 ${res.total} 项`)),
         h('div', {class: 'table-wrap'}, h('table', {class: 'calendar'},
             h('caption', {class: 'muted'}, `${year}年${month + 1}月的任务时限`),
             h('thead', {}, h('tr', {}, ['一', '二', '三', '四', '五', '六', '日'].map((c) => h('th', {scope: 'col', abbr: `星期${c}`}, `星期${c}`)))),
             h('tbody', {}, weeks))));
}
