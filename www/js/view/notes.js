// The lines under the result count that say how the core read the query
// (view-only): results widened to "most words", and words searched with
// likelier spellings too, each with a one-click "Search only …" link that
// searches the query with that word taken exactly (the core's `undo`); and
// the limits of the query budget that applied (what was left out).
// The parts it could not use are chips (filters.js), not lines.

import { alsoSearchedText, limitText, relaxedText } from '../notes.js';
import { h, byId as $ } from './dom.js';

/** @typedef {import('../types.js').SearchNotes} SearchNotes */

export class NotesView {
  constructor() {
    this.el = $('notes');
  }

  /**
   * @param {SearchNotes} notes
   * @param {(q: string) => string} hrefFor  The permalink of a query (in this view).
   */
  render(notes, hrefFor) {
    /** @type {HTMLElement[]} */
    const lines = [];
    if (notes.relaxed) lines.push(h('p', 'note note-relaxed', relaxedText(notes.relaxed)));
    for (const a of notes.also_searched) {
      const t = alsoSearchedText(a);
      const line = h('p', 'note note-also');
      line.dataset.word = a.word;
      const link = /** @type {HTMLAnchorElement} */ (h('a', 'note-undo', t.undo));
      link.href = hrefFor(a.undo);
      link.dataset.q = a.undo;
      line.append('Also searched: ', h('strong', 'note-also-words', t.also), ' for ', h('em', 'note-word', t.word), ' · ', link);
      lines.push(line);
    }
    for (const l of notes.limits) {
      const line = h('p', 'note note-limit', limitText(l));
      line.dataset.kind = l.kind;
      lines.push(line);
    }
    this.el.replaceChildren(...lines);
    this.el.hidden = lines.length === 0;
  }

  /** No notes (a failed search, the event list). */
  clear() {
    this.el.replaceChildren();
    this.el.hidden = true;
  }

  /**
   * A click on "Search only …" (a plain click: other clicks open the link as links do).
   * @param {(q: string) => void} fn
   */
  bind(fn) {
    this.el.addEventListener('click', (e) => {
      const link = /** @type {Element} */ (e.target).closest('a.note-undo');
      if (!(link instanceof HTMLAnchorElement) || link.dataset.q === undefined) return;
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
      e.preventDefault();
      fn(link.dataset.q);
    });
  }
}
