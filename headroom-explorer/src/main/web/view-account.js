// #/account: the logged-in user changes its own password (POST /api/v1/auth/password). The answer is a
// fresh token (every earlier one stops working, in other tabs and on other machines too), kept as the session.
import { postJson } from './api.js';
import { errorState, h, state } from './dom.js';
import { begin, session } from './session.js';

export function render(main) {
  document.title = 'Your account · Headroom';
  const login = session();
  if (!login) {
    main.replaceChildren(h('h1', {}, 'Your account'), h('p', {}, 'You are not logged in. ',
      h('a', { href: '#/login?next=' + encodeURIComponent('#/account') }, 'Log in')));
    return null;
  }
  const controller = new AbortController();
  const field = (id, label, autocomplete) => {
    const input = h('input', { id, type: 'password', autocomplete, required: true });
    return [input, h('div', { class: 'field' }, h('label', { for: id }, label), input)];
  };
  const [current, currentField] = field('current-password', 'Current password', 'current-password');
  const [next, nextField] = field('new-password', 'New password (8 characters to 72 bytes)', 'new-password');
  const [again, againField] = field('new-password-again', 'New password again', 'new-password');
  const outcome = h('div', { class: 'outcome' });
  const form = h('form', { class: 'login', 'aria-label': 'Change your password', onsubmit: (e) => {
    e.preventDefault();
    if (next.value !== again.value) {
      outcome.replaceChildren(state('error', 'The two new passwords differ.'));
      return;
    }
    postJson('/auth/password', { currentPassword: current.value, newPassword: next.value }, { signal: controller.signal })
      .then((answer) => {
        begin(answer);
        form.reset();
        outcome.replaceChildren(state('done', 'Password changed. Logins made with the old one have ended.'));
      })
      .catch((error) => error.name !== 'AbortError' && outcome.replaceChildren(errorState(error)));
  } }, currentField, nextField, againField, h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Change password')));
  main.replaceChildren(h('h1', {}, 'Your account'),
    h('p', {}, 'Logged in as ', h('strong', {}, login.user.username), login.user.role === 'admin' ? ' (admin)' : ''),
    h('h2', {}, 'Change your password'), form, outcome);
  return () => controller.abort();
}
