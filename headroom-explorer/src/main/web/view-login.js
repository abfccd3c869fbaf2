// #/login?next=<hash>&why=: the login form (POST /api/v1/auth/login). A refusal is shown by its problem's
// detail: 401 for a wrong name or password, 429 while brute-force protection makes this name or address
// wait. On success the session begins (session.js) and the page goes where it was sent from.
import { postJson } from './api.js';
import { errorState, h } from './dom.js';
import { begin } from './session.js';

const WHY = {
  required: 'This service shows its catalog to logged-in users only.',
  refused: 'Your login is no longer accepted (it expired, or the password was changed): log in again.',
  expired: 'Your login expired: log in again.',
};

/** Where to go after the login: a hash of this app, never the login page itself. */
export function nextHash(params) {
  const next = params.get('next') || '';
  return next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/datasets';
}

export function render(main, route) {
  document.title = 'Log in · Headroom';
  const controller = new AbortController();
  const why = WHY[route.params.get('why')];
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const outcome = h('div', { class: 'outcome' });
  const submit = h('button', { type: 'submit' }, 'Log in');
  const form = h('form', { class: 'login', 'aria-label': 'Log in', onsubmit: (e) => {
    e.preventDefault();
    submit.disabled = true;
    outcome.replaceChildren();
    postJson('/auth/login', { username: username.value.trim(), password: password.value }, { signal: controller.signal })
      .then((answer) => {
        begin(answer);
        location.hash = nextHash(route.params);
      })
      .catch((error) => {
        if (error.name === 'AbortError') return;
        password.value = '';
        outcome.replaceChildren(errorState(error));
        password.focus();
      })
      .finally(() => { submit.disabled = false; });
  } },
  h('div', { class: 'field' }, h('label', { for: 'login-username' }, 'User name'), username),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
  h('div', { class: 'actions' }, submit));
  main.replaceChildren(h('h1', {}, 'Log in'), why ? h('p', { class: 'state', role: 'status' }, why) : '', form, outcome,
    h('p', { class: 'note' }, 'Accounts are made by an admin; there is no sign-up.'));
  username.focus();
  return () => controller.abort();
}
