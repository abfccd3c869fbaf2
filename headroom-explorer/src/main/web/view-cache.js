// #/performance/cache: live (view=cache, one event a second): the shared level's state (Redis), and per
// keyspace the hit rate, entries, bytes, hits (of which from Redis), misses, evictions and load time;
// the overall hit rate over the last ten minutes as a chart (from the difference of two events).
import { bytes, count, h, state } from './dom.js';
import { timeChart } from './chart.js';
import { card, frame, live, ms, percent } from './live.js';

export function render(main) {
  const { status, body } = frame(main, 'cache', 'Cache');
  const cards = h('div', { class: 'cards' });
  const charts = h('div', { class: 'charts' });
  const keyspaces = h('div', { class: 'wide' });
  body.replaceChildren(cards, charts, h('h2', {}, 'Keyspaces'), keyspaces);
  const chart = timeChart(charts, { title: 'Hit rate per second (%)', series: ['hit rate'], keep: 600 });
  let previous = null;
  return live('cache', status, (c) => {
    const sum = (field) => c.keyspaces.reduce((total, k) => total + k[field], 0);
    const hits = sum('hits');
    const misses = sum('misses');
    cards.replaceChildren(
      card('Redis', c.redis, { class: 'card redis-' + c.redis.toLowerCase() }),
      card('Hit rate since start', percent(hits + misses === 0 ? null : hits / (hits + misses))),
      card('Entries', count(sum('entries')) + (c.maxEntries > 0 ? ' of ' + count(c.maxEntries) : '')),
      card('Bytes', bytes(sum('bytes')) + (c.maxBytes > 0 ? ' of ' + bytes(c.maxBytes) : '')),
      card('Redis errors', count(c.redisErrors)), card('Invalidations received', count(c.invalidationsReceived)));
    if (previous) {
      const lookups = hits + misses - previous.hits - previous.misses;
      chart.push(c.at, [lookups === 0 ? null : ((hits - previous.hits) / lookups) * 100]);
    }
    previous = { hits, misses };
    keyspaces.replaceChildren(c.keyspaces.length === 0 ? state('empty', 'No keyspace.') : h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Keyspace', 'Hit rate', 'Entries', 'Bytes', 'Hits', 'from Redis', 'Misses', 'Evictions',
        'Load errors', 'Avg load ms', 'TTL'].map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
      h('tbody', {}, c.keyspaces.map((k) => h('tr', {}, h('td', {}, k.keyspace),
        [percent(k.hitRate), count(k.entries), bytes(k.bytes), count(k.hits), count(k.l2Hits), count(k.misses),
          count(k.evictions), count(k.errors), ms(k.averageLoadMs), ttl(k.ttlSeconds)]
          .map((v) => h('td', { class: 'num' }, v)))))));
  });
}

function ttl(seconds) {
  if (seconds % 86400 === 0) return seconds / 86400 + ' d';
  if (seconds % 3600 === 0) return seconds / 3600 + ' h';
  if (seconds % 60 === 0) return seconds / 60 + ' min';
  return seconds + ' s';
}
