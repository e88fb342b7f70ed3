// The URL-hash state (store.js): every state survives a trip through the
// hash, defaults stay out of it, and hashes written by older pages (and
// hand-edited ones) still parse to a valid state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, defaultState, parseHash, sameState, toHash, validDate } from '../../www/js/store.js';

test('the default state is the empty hash, both ways', () => {
  assert.equal(toHash(defaultState()), '');
  assert.deepEqual(parseHash(''), defaultState());
  assert.deepEqual(parseHash('#'), defaultState());
});

test('a full state round-trips through the hash', () => {
  const state = {
    ...defaultState(),
    q: 'talks person:"Sergey Lavrov" & more',
    from: '2022-01-01',
    to: '2022-01-31',
    sort: /** @type {const} */ ('newest'),
    vfrom: '2022-01-10',
    vto: '2022-01-20',
    doc: '002_6f631ddf24768241',
    focus: 3,
    view: /** @type {const} */ ('events'),
    efrom: '2022-02-01',
    eto: '2022-02-28',
    evfrom: '2022-02-05',
    evto: '2022-02-10',
    order: /** @type {const} */ ('mentions'),
    entity: 'sergey-lavrov',
  };
  const hash = toHash(state);
  assert.deepEqual(parseHash(hash), state);
  assert.equal(toHash(parseHash(hash)), hash, 'the hash is stable');
});

test('hashes of earlier pages keep working', () => {
  // The forms in store.js's header, as earlier versions wrote them.
  assert.deepEqual(parseHash('#q=geneva&from=2022-01-01&to=2022-01-31&sort=newest&doc=002_6f631ddf24768241'), {
    ...defaultState(),
    q: 'geneva',
    from: '2022-01-01',
    to: '2022-01-31',
    sort: 'newest',
    doc: '002_6f631ddf24768241',
  });
  assert.deepEqual(parseHash('#view=events&efrom=2022-01-10&eto=2022-01-21&order=mentions&doc=x&focus=3'), {
    ...defaultState(),
    view: 'events',
    efrom: '2022-01-10',
    eto: '2022-01-21',
    order: 'mentions',
    doc: 'x',
    focus: 3,
  });
  const s = parseHash('#q=person%3Asergey-lavrov&entity=sergey-lavrov&vfrom=2022-01-01&vto=2022-02-01');
  assert.equal(s.q, 'person:sergey-lavrov');
  assert.equal(s.entity, 'sergey-lavrov');
  assert.deepEqual([s.vfrom, s.vto], ['2022-01-01', '2022-02-01']);
  // '+' is a space in a form-encoded hash.
  assert.equal(parseHash('#q=talks+Lavrov').q, 'talks Lavrov');
});

test('serialised in a fixed order, defaults left out', () => {
  const hash = toHash({ ...defaultState(), doc: 'a', q: 'x', order: 'mentions', sort: 'oldest', view: 'events' });
  assert.equal(hash, '#q=x&sort=oldest&view=events&order=mentions&doc=a');
  assert.equal(toHash({ ...defaultState(), focus: 2 }), '', 'a focus without an article is left out');
});

test('invalid values fall back to defaults', () => {
  const s = parseHash('#from=2022-02-30&to=yesterday&sort=best&view=maps&order=random&focus=-1&doc=a&vfrom=2022-01-01&evto=2022-01-02');
  assert.equal(s.from, null, 'no 30 February');
  assert.equal(s.to, null);
  assert.equal(s.sort, 'relevance');
  assert.equal(s.view, 'articles');
  assert.equal(s.order, 'date');
  assert.equal(s.focus, null);
  assert.equal(s.doc, 'a');
  assert.deepEqual([s.vfrom, s.vto, s.evfrom, s.evto], [null, null, null, null], 'a zoom window needs both ends');
  assert.equal(parseHash('#focus=2').focus, null, 'a focus needs an article');
  assert.equal(parseHash('#doc=a&focus=2.5').focus, null);
});

test('reversed ranges are put in order; a reversed zoom window is dropped', () => {
  const s = parseHash('#from=2022-02-01&to=2022-01-01&efrom=2022-03-01&eto=2022-02-01&vfrom=2022-02-01&vto=2022-01-01');
  assert.deepEqual([s.from, s.to], ['2022-01-01', '2022-02-01']);
  assert.deepEqual([s.efrom, s.eto], ['2022-02-01', '2022-03-01']);
  assert.deepEqual([s.vfrom, s.vto], [null, null]);
  // One open end is kept as it is.
  assert.deepEqual([parseHash('#to=2022-01-01').from, parseHash('#to=2022-01-01').to], [null, '2022-01-01']);
});

test('validDate accepts only real days', () => {
  assert.equal(validDate('2024-02-29'), '2024-02-29');
  assert.equal(validDate('2023-02-29'), null);
  assert.equal(validDate('2022-1-5'), null);
  assert.equal(validDate(''), null);
  assert.equal(validDate(null), null);
});

test('sameState compares what the hash keeps', () => {
  assert.ok(sameState(defaultState(), { ...defaultState(), focus: 4 }));
  assert.ok(!sameState(defaultState(), { ...defaultState(), q: 'x' }));
});

/** @param {string} url */
function hashOf(url) {
  const i = url.indexOf('#');
  return i < 0 ? '' : url.slice(i);
}

/** A stand-in for `window`: location, history and its events. */
function fakeWindow(hash = '') {
  /** @type {Record<string, (() => void)[]>} */
  const on = {};
  const win = {
    location: { pathname: '/dateline/', search: '?limit=5', hash },
    /** @type {{url: string, mark: unknown, how: string}[]} */
    entries: [],
    history: {
      state: /** @type {unknown} */ (null),
      /** @param {unknown} mark @param {string} _ @param {string} url */
      pushState(mark, _, url) {
        win.entries.push({ url, mark, how: 'push' });
        win.history.state = mark;
        win.location.hash = hashOf(url);
      },
      /** @param {unknown} mark @param {string} _ @param {string} url */
      replaceState(mark, _, url) {
        win.entries.push({ url, mark, how: 'replace' });
        win.history.state = mark;
        win.location.hash = hashOf(url);
      },
      back() {},
    },
    /** @param {string} type @param {() => void} fn */
    addEventListener(type, fn) {
      (on[type] ??= []).push(fn);
    },
    /** @param {string} type */
    fire(type) {
      for (const fn of on[type] ?? []) fn();
    },
  };
  return win;
}

test('Store: set makes history entries and tells its listeners; popstate and hashchange are heard once', () => {
  const win = fakeWindow('#q=geneva');
  const store = new Store(/** @type {any} */ (win));
  assert.equal(store.state.q, 'geneva');
  /** @type {string[]} */
  const heard = [];
  store.subscribe((state, previous, cause) => heard.push(`${cause}:${previous.q}->${state.q}`));

  store.set({ q: 'truss' }, { history: 'push', mark: { opened: true } });
  assert.deepEqual(win.entries.at(-1), { url: '/dateline/?limit=5#q=truss', mark: { opened: true }, how: 'push' });
  assert.deepEqual(store.entryMark(), { opened: true });
  store.set({ q: 'truss' });
  assert.equal(heard.length, 1, 'an unchanged state is no change');
  store.set({ from: '2022-02-01', to: '2022-01-01' });
  assert.deepEqual([store.state.from, store.state.to], ['2022-01-01', '2022-02-01'], 'set orders a range too');
  assert.equal(win.entries.at(-1)?.how, 'replace');

  win.location.hash = '#q=blinken';
  win.fire('popstate');
  win.fire('hashchange');
  assert.deepEqual(heard, ['set:geneva->truss', 'set:truss->truss', 'history:truss->blinken']);
  assert.equal(store.urlFor(defaultState()), '/dateline/?limit=5');
});
