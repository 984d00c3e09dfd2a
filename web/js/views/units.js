// 单位看板: a unit's tasks by status, overdue and due-soon lists, completion rate, its
// iCalendar deadlines (a download, and a secret subscription URL for calendar programs) and its
// printable 督办通知.
import {api, BASE, currentUser, get} from '../api.js';
import {errorBox, field, h, render, toast} from '../dom.js';
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

function taskList(items, empty, extra) {
  if (!items) return h('p', {class: 'muted'}, '跟踪督办功能暂不可用。');
  if (!items.length) return h('p', {class: 'muted'}, empty);
  return h('ul', {class: 'task-list'}, items.map((t) => h('li', {},
      h('a', {href: link('ledger', {task: t.id, document_id: t.document_id})}, short(t.text)),
      h('span', {class: 'muted'}, ` ${deadlineText(t.deadline)}`), extra ? h('span', {class: 'muted'}, extra(t)) : null,
      ' ', statusBadge(t.effective_status || t.status))));
}

// Keys of the follow-up module's counts per effective status.
const COUNT_KEYS = {未开始: 'not_started', 推进中: 'in_progress', 已完成: 'done', 逾期: 'overdue', 不适用: 'not_applicable'};

// Follow-up answers 404 until that module is wired in; the board works without it.
async function optional(promise) {
  try {
    return await promise;
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

// Calendar programs send no cookie, so they subscribe to a secret URL made for the unit (an
// admin or the unit's own users may make one); the .ics download is for the logged-in user.
function calendarSection(unit) {
  const enc = encodeURIComponent(unit);
  const user = currentUser();
  const mayManage = user && (user.role === 'admin' || (user.role === 'unit' && user.unit === unit));
  const result = h('div', {class: 'status'});
  const download = h('a', {class: 'button', href: `${BASE}/units/${enc}/calendar.ics`, download: `${unit}督办任务时限.ics`},
                     '下载时限日历（.ics）');
  let controls = null;
  if (mayManage) {
    const create = h('button', {type: 'button', class: 'primary'}, '生成订阅链接');
    create.addEventListener('click', async () => {
      create.disabled = true;
      result.replaceChildren();
      try {
        const feed = await api('POST', `/units/${enc}/calendar-feed`);
        // The server gives a path from its root; resolve it against the page's base, where
        // api/v1 lives (the UI may be served under a prefix by a proxy).
        const url = new URL(feed.url.replace(/^\//, ''), document.baseURI).href;
        const input = h('input', {type: 'text', readOnly: true, value: url, class: 'feed-url', spellcheck: false});
        input.addEventListener('focus', () => input.select());
        result.append(field('订阅链接（在日历程序中选择“通过网址订阅”并粘贴）', input,
                            '知道此链接的任何人都能查看本单位的任务时限，请勿外传；重新生成后，原链接即失效。'));
        toast('已生成新的订阅链接，原链接已失效。');
      } catch (e) {
        result.append(errorBox(e));
      } finally {
        create.disabled = false;
      }
    });
    controls = create;
  }
  return h('section', {'aria-labelledby': 'h-feed'}, h('h2', {id: 'h-feed'}, '时限日历'),
           h('p', {class: 'muted'}, '本单位任务的完成时限，可导入或订阅到 Outlook、手机日历等日历程序。'),
           h('div', {class: 'toolbar'}, download, controls), result);
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

  const byStatus = new Map([...STATUSES, '逾期'].map((x) => [x, []]));
  for (const t of tasks.items) {
    const x = t.effective_status || t.status;
    if (!byStatus.has(x)) byStatus.set(x, []);
    byStatus.get(x).push(t);
  }
  // Rates from the follow-up module (effective statuses, working-day calendar), else counted here.
  const row = rates && (rates.by_unit || []).find((r) => r.unit === unit);
  const counted = {
    total: tasks.items.length,
    done: byStatus.get('已完成').length,
    not_applicable: byStatus.get('不适用').length,
  };
  const applicable = counted.total - counted.not_applicable;
  const rate = row ? row.counts.completion_rate : (applicable ? counted.done / applicable : null);
  const onTime = row ? row.counts.on_time_rate : null;
  const pct = (r) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

  const stat = (label, value) => h('div', {class: 'stat'}, h('strong', {}, String(value)), label);
  render(`${unit} 看板`,
         h('p', {}, h('a', {href: '#/units'}, '‹ 全部单位')),
         h('h1', {}, `${unit} 看板`),
         h('div', {class: 'toolbar'},
           h('a', {class: 'button', href: link('ledger', {unit})}, '在台账中查看'),
           h('a', {class: 'button', href: `${BASE}/units/${enc}/notice`, target: '_blank', rel: 'noopener'}, '打印督办通知')),
         h('div', {class: 'stats'},
           stat('任务总数', tasks.total),
           [...byStatus].map(([x, list]) => stat(x, row ? row.counts[COUNT_KEYS[x]] ?? list.length : list.length)),
           h('div', {class: 'stat'}, h('strong', {}, pct(rate)), '完成率',
             h('progress', {class: 'rate', max: 1, value: rate || 0, 'aria-label': `完成率 ${pct(rate)}`}, pct(rate))),
           onTime !== null && onTime !== undefined ? stat('按时完成率', pct(onTime)) : null),
         h('section', {'aria-labelledby': 'h-overdue'}, h('h2', {id: 'h-overdue'}, '逾期任务'),
           taskList(overdue && overdue.items, '没有逾期任务。', (t) => (t.due ? `，应于 ${t.due} 完成，已逾期 ${t.workdays_overdue} 个工作日` : ''))),
         h('section', {'aria-labelledby': 'h-soon'}, h('h2', {id: 'h-soon'}, '即将到期（5 个工作日内）'),
           taskList(soon && soon.items, '近期没有到期任务。', (t) => (t.due ? `，${t.due} 到期，剩 ${t.workdays_left} 个工作日` : ''))),
         calendarSection(unit),
         h('section', {'aria-labelledby': 'h-bystatus'}, h('h2', {id: 'h-bystatus'}, '按状态'),
           [...byStatus].filter(([, list]) => list.length).map(([x, list]) => h('details', {open: x !== '已完成' && x !== '不适用'},
               h('summary', {}, `${x}（${list.length}）`), taskList(list, '')))),
         tasks.total > tasks.items.length ? h('p', {class: 'muted'}, `仅显示前 ${tasks.items.length} 项，`, h('a', {href: link('ledger', {unit})}, '在台账中查看全部'), '。') : null);
}
