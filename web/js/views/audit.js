// 审计日志 (admin only): every change, newest first.
import {get} from '../api.js';
import {h, render} from '../dom.js';
import {link} from '../nav.js';

const PAGE = 100;
const ACTIONS = {
  'task.progress': '记录进展',
  'task.status': '修改状态',
  'user.add': '新增用户',
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出',
  'setting.set': '修改设置',
  ingest: '导入文件',
};

export async function auditView({params, isCurrent}) {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const res = await get('/audit', {limit: PAGE, offset: (page - 1) * PAGE});
  if (!isCurrent()) return;
  const rows = res.items.map((a) => h('tr', {'data-action': a.action},
      h('td', {}, a.at), h('td', {}, a.actor), h('td', {}, a.address || '—'),
      h('td', {}, ACTIONS[a.action] ? `${ACTIONS[a.action]}（${a.action}）` : a.action),
      h('td', {}, a.object_type && a.object_type === 'task' && a.object_id ? h('a', {href: link('ledger', {task: a.object_id})}, `任务 ${a.object_id}`) : [a.object_type, a.object_id].filter(Boolean).join(' ')),
      h('td', {class: 'detail'}, h('code', {}, typeof a.detail === 'string' ? a.detail : JSON.stringify(a.detail)))));
  render('审计日志', h('h1', {}, '审计日志'),
         h('p', {class: 'muted'}, '所有变更按时间倒序记录，不可修改或删除。'),
         rows.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'audit'},
             h('thead', {}, h('tr', {}, ['时间', '操作人', '地址', '操作', '对象', '内容'].map((c) => h('th', {scope: 'col'}, c)))),
             h('tbody', {}, rows))) : h('p', {}, '暂无记录。'),
         h('nav', {class: 'pager', 'aria-label': '翻页'},
           page > 1 ? h('a', {href: link('audit', {page: page - 1})}, '较新') : null,
           h('span', {}, `第 ${page} 页`),
           res.items.length === PAGE ? h('a', {href: link('audit', {page: page + 1})}, '较早') : null));
}
