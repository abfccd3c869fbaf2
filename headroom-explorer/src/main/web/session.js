// The login session: the token POST /api/v1/auth/login answered, its expiry and who it is for, kept in
// sessionStorage — this tab only, gone when the tab closes, kept across a reload (docs/ui.md, "Login").
// Everything that calls the API asks here for the Authorization header; a change is announced as the
// window event 'headroom:session' (detail: the reason, e.g. 'login', 'logout', 'expired').
const KEY = 'headroom.session';

/** The current session { token, expiresAt, user: { username, role } }, or null (none, or expired). */
export function session() {
  let stored = null;
  try {
    stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    // a damaged entry is no session
  }
  if (!stored || typeof stored.token !== 'string') return null;
  if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) {
    end('expired');
    return null;
  }
  return stored;
}

/** Keeps a login (or password change) answer: { token, expiresAt, user }. */
export function begin(answer) {
  const user = answer.user || {};
  sessionStorage.setItem(KEY, JSON.stringify({
    token: answer.token, expiresAt: answer.expiresAt, user: { username: user.username, role: user.role },
  }));
  announce('login');
}

/** Drops the session: 'logout' (asked for), 'expired' or 'refused' (the service no longer takes the token). */
export function end(reason) {
  if (sessionStorage.getItem(KEY) === null) return;
  sessionStorage.removeItem(KEY);
  announce(reason);
}

/** The Authorization header of the session, or nothing. */
export function authorization() {
  const s = session();
  return s ? { Authorization: 'Bearer ' + s.token } : {};
}

function announce(reason) {
  dispatchEvent(new CustomEvent('headroom:session', { detail: reason }));
}
