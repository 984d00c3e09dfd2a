// Task statuses as the API names them; 逾期 is computed by the server, never set.
import {h} from './dom.js';

export const STATUSES = ['未开始', '推进中', '已完成', '不适用'];

export function statusBadge(status) {
  return h('span', {class: 'status-badge', 'data-status': status || ''}, status || '—');
}

export function deadlineText(d) {
  if (!d) return '—';
  if (d.date && d.text && d.text !== d.date) return `${d.text}（${d.date}）`;
  return d.text || d.date || '—';
}

//! A task's badge: its effective status (逾期 when an open task is past due), with the stored
//! status alongside when they differ.
export function taskStatus(t) {
  const effective = t.effective_status || t.status;
  if (effective === t.status) return statusBadge(effective);
  return h('span', {}, statusBadge(effective), h('span', {class: 'muted'}, `（登记为${t.status}）`));
}
