// The reader (view-only): one article, its dates and names marked, opened
// at a sentence when it comes from an event row. Remembers what it was opened
// from, so that closing it can give focus back there (see page.js).

import { clip } from '../format.js';
import { appendSegments, fillMeta, h, byId as $ } from './dom.js';

/** A title longer than this (UTF-16 code units) is shown cut, with a button that shows it whole. */
const READER_TITLE_UNITS = 2_000;

/** @typedef {import('../types.js').ArticleView} ArticleView */

/**
 * @typedef {object} ShowOptions
 * @property {boolean} focus  Move focus into the reader.
 * @property {((key: string) => string)|null} [entityHref]  Link entity mentions.
 * @property {string|null} [expr]  The expression (as written) the reader was
 *   opened at, marked in the focused sentence.
 * @property {boolean} [failed]  With a null article: it could not be loaded
 *   (the banner says why), rather than not being in the collection.
 */

export class ReaderView {
  constructor() {
    this.el = $('reader');
    this.columns = $('columns');
    this.meta = $('reader-meta');
    this.title = $('reader-title');
    this.body = $('reader-body');
    this.legend = $('reader-legend');
    this.closeBtn = $('reader-close');
    this.prev = /** @type {HTMLButtonElement} */ ($('reader-prev'));
    this.next = /** @type {HTMLButtonElement} */ ($('reader-next'));
    this.nav = /** @type {HTMLElement} */ (this.prev.parentElement);
    /** The id of the result that had focus before the reader opened. @type {string|null} */
    this.returnFocusId = null;
    /** The event row the reader was opened from (focus returns to it). @type {number|null} */
    this.returnFocusEvent = null;
    /** The event link (in the event list or the entity view) the reader was opened from. @type {HTMLElement|null} */
    this.returnFocusEl = null;
  }

  isOpen() {
    return !this.el.hidden;
  }

  /** The id of the article shown, or null. */
  openId() {
    return this.el.dataset.id ?? null;
  }

  /** @param {Node|null} node */
  contains(node) {
    return this.el.contains(node);
  }

  /**
   * A title too long to lay out on every resize (a 100 KB "title" stalls
   * each relayout): its start, and a button that shows it whole.
   * @param {string} title
   */
  longTitle(title) {
    const more = /** @type {HTMLButtonElement} */ (h('button', 'chip reader-title-more', `Show the whole title (${title.length.toLocaleString()} characters)`));
    more.type = 'button';
    more.addEventListener('click', () => {
      this.title.textContent = title;
    });
    this.title.append(clip(title, READER_TITLE_UNITS), ' ', more);
  }

  /** The article's title as shown. */
  titleText() {
    return this.title.textContent;
  }

  /** Remember where focus was, before the reader opens. */
  rememberFocus() {
    const active = document.activeElement;
    this.returnFocusId = active instanceof HTMLElement && active.classList.contains('result-link') ? active.dataset.id ?? null : null;
    const evLink = active instanceof HTMLElement && active.classList.contains('ev-link');
    this.returnFocusEvent = evLink ? Number(active.dataset.event) : this.returnFocusEvent;
    this.returnFocusEl = evLink ? active : null;
  }

  /**
   * Show an article (null: the id is not in the collection, or it failed).
   * @param {ArticleView|null} article
   * @param {ShowOptions} opts
   */
  show(article, { focus, entityHref = null, expr = null, failed = false }) {
    const wasOpen = this.isOpen();
    if (!wasOpen) this.rememberFocus();
    this.meta.replaceChildren();
    this.title.replaceChildren();
    this.body.replaceChildren();
    if (article) {
      fillMeta(this.meta, article.date, article.source, 'long');
      if (article.title.length > READER_TITLE_UNITS) this.longTitle(article.title);
      else if (Array.isArray(article.title_marked) && article.title_marked.length) {
        appendSegments(this.title, article.title_marked);
      } else this.title.textContent = article.title;
      const furniture = article.boilerplate ?? [];
      for (const [i, para] of (article.paragraphs ?? []).entries()) {
        // Page furniture repeated across the collection ("ADVERTISEMENT", a
        // newsletter banner) stays in the text, dimmed; it names no one.
        const p = furniture[i] ? h('p', 'boilerplate') : h('p');
        if (furniture[i]) p.title = 'Repeated across articles: page furniture, not news';
        appendSegments(p, para, { times: 'focusable', focus: true, entityHref });
        this.body.append(p);
      }
      this.el.dataset.id = article.id;
    } else if (failed) {
      this.title.textContent = 'Article unavailable';
      this.body.append(h('p', 'muted', 'This article could not be loaded: part of the index could not be read.'));
      delete this.el.dataset.id;
    } else {
      this.title.textContent = 'Article not found';
      this.body.append(h('p', 'muted', 'This article is not in the collection.'));
      delete this.el.dataset.id;
    }
    this.legend.hidden = !this.body.querySelector('.ent');
    this.el.hidden = false;
    this.columns.classList.add('reading');
    document.body.classList.add('reading');
    const sentence = /** @type {HTMLElement|null} */ (this.body.querySelector('.reader-focus'));
    if (sentence) {
      // The sentence an event row opened: mark its expression, bring it into view.
      const times = /** @type {HTMLElement[]} */ ([...sentence.querySelectorAll('time.tx')]);
      const hit = (expr && times.find((t) => t.textContent === expr)) || (times.length === 1 ? times[0] : null);
      hit?.classList.add('is-expr');
      sentence.id = 'reader-focus';
      if (focus) this.el.focus({ preventScroll: true });
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches && wasOpen;
      sentence.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    } else if (focus || !wasOpen) {
      this.el.scrollTop = 0;
      this.body.scrollTop = 0;
      if (focus) this.el.focus({ preventScroll: true });
    }
  }

  /**
   * Close the reader.
   * @returns {{id: string|null, hadFocus: boolean}|null}  What it showed; null when it was closed already.
   */
  close() {
    if (!this.isOpen()) return null;
    const hadFocus = this.el.contains(document.activeElement);
    this.el.hidden = true;
    this.columns.classList.remove('reading');
    document.body.classList.remove('reading');
    const id = this.openId();
    delete this.el.dataset.id;
    return { id, hadFocus };
  }

  /**
   * Previous/next: hidden (the events list has no order to step through), or
   * each enabled when there is an article that way.
   * @param {{hidden: boolean, prev: boolean, next: boolean}} o
   */
  setNav({ hidden, prev, next }) {
    this.nav.hidden = hidden;
    if (hidden || !this.isOpen()) return;
    this.prev.disabled = !prev;
    this.next.disabled = !next;
  }

  /**
   * The reader's buttons: close, previous (-1), next (+1).
   * @param {{close: () => void, step: (delta: number) => void}} fns
   */
  bind({ close, step }) {
    this.closeBtn.addEventListener('click', () => close());
    this.prev.addEventListener('click', () => step(-1));
    this.next.addEventListener('click', () => step(1));
  }

  /**
   * A click on a person, organisation or place named in the reader.
   * @param {(key: string) => void} fn
   */
  bindEntities(fn) {
    this.body.addEventListener('click', (e) => {
      const a = /** @type {Element} */ (e.target).closest('a.ent');
      if (!(a instanceof HTMLElement) || !a.dataset.entity) return;
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return; // new tab
      e.preventDefault();
      fn(a.dataset.entity);
    });
  }
}
