import {login} from '../api.js';
import {errorBox, field, h, render} from '../dom.js';
import {go} from '../nav.js';

export async function loginView({params}) {
  const name = h('input', {name: 'name', autocomplete: 'username', required: true});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const status = h('div', {class: 'status'});
  const submit = h('button', {type: 'submit', class: 'primary'}, '登录');
  const form = h('form', {class: 'login', 'aria-labelledby': 'login-title'},
                 h('h1', {id: 'login-title'}, '登录'),
                 field('用户名', name), field('密码', password), status, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    submit.disabled = true;
    try {
      await login(name.value.trim(), password.value);
      window.dispatchEvent(new Event('duban-session'));
      const next = params.get('next');
      if (next && next.startsWith('/') && !next.startsWith('/login')) location.hash = next;
      else go('ledger');
    } catch (e) {
      status.append(errorBox(e));
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  render('登录', form);
  name.focus();
}
