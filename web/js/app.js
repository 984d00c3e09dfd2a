// The single-page app: hash routes (#/docs, #/docs/12, #/ledger?unit=…) to views.
import {currentUser, loadSession, logout} from './api.js';
import {clear, errorBox, h, render, toast} from './dom.js';
import {currentRoute, go, onSameRoute} from './nav.js';
import {loginView} from './views/login.js';
import {docsView} from './views/docs.js';
import {readerView} from './views/reader.js';
import {ledgerView} from './views/ledger.js';
import {unitsView, unitView} from './views/units.js';
import {calendarView} from './views/calendar.js';
import {citesView} from './views/cites.js';
import {auditView} from './views/audit.js';

const routes = [
  [/^login$/, loginView, 'login'],
  [/^docs$/, docsView, 'docs'],
  [/^docs\/(\d+)$/, readerView, 'docs'],
  [/^ledger$/, ledgerView, 'ledger'],
  [/^units$/, unitsView, 'units'],
  [/^units\/(.+)$/, unitView, 'units'],
  [/^calendar$/, calendarView, 'calendar'],
  [/^cites$/, citesView, 'cites'],
  [/^audit$/, auditView, 'audit'],
];

function renderWho() {
  const who = clear(document.getElementById('who'));
  const user = currentUser();
  document.querySelector('[data-admin]').hidden = !(user && user.role === 'admin');
  if (!user) {
    who.append(h('a', {href: '#/login', class: 'button'}, '登录'));
    return;
  }
  const roles = {admin: '管理员', unit: '单位用户', viewer: '只读用户'};
  who.append(
      h('span', {class: 'user', 'data-user': user.name},
        `${user.name}（${roles[user.role] || user.role}${user.unit ? `，${user.unit}` : ''}）`),
      h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await logout();
            toast('已退出。');
          } catch (e) {
            toast(e.message);
          }
          renderWho();
          go('login');
        },
      }, '退出'));
}

let routeSeq = 0;

async function route() {
  const {path, params} = currentRoute();
  const seq = ++routeSeq;
  // data-ready tells scripts (and the browser tests) that the view for this hash is complete.
  delete document.getElementById('main').dataset.ready;
  const found = routes.find(([re]) => re.test(path || 'docs'));
  if (!found) {
    render('未找到', h('h1', {}, '页面不存在'), h('p', {}, h('a', {href: '#/docs'}, '返回文件库')));
    document.getElementById('main').dataset.ready = location.hash;
    return;
  }
  const [re, view, nav] = found;
  const match = (path || 'docs').match(re).slice(1).map(decodeURIComponent);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  renderWho();
  try {
    await view({params, match, isCurrent: () => seq === routeSeq});
    if (seq !== routeSeq) return;
    const main = document.getElementById('main');
    // Keyboard and screen reader users continue in the new view, not in the navigation.
    if (!main.contains(document.activeElement)) main.focus({preventScroll: true});
    main.dataset.ready = location.hash;
  } catch (e) {
    if (seq !== routeSeq) return;
    if (e.status === 401) {
      renderWho();
      go('login', {next: location.hash.slice(1)});
      return;
    }
    if (!e.status) console.error(e.stack);
    render('出错了', h('h1', {}, '出错了'), errorBox(e));
    document.getElementById('main').dataset.ready = location.hash;
  }
}

window.addEventListener('hashchange', route);
onSameRoute(route);
// Views call this after login/logout.
window.addEventListener('duban-session', renderWho);
// The skip link must not change the route.
document.querySelector('[data-skip]').addEventListener('click', (ev) => {
  ev.preventDefault();
  document.getElementById('main').focus();
});

(async () => {
  try {
    await loadSession();
  } catch {
    // The views report connection problems themselves.
  }
  if (!location.hash) location.replace('#/docs');
  route();
})();
