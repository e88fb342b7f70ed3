// The "Download CSV" / "Download JSON" pair (view-only), one widget for
// every list that exports (events, results): the two buttons, whether there
// is anything to export, a line that says what the last download held, and
// the download itself.

import { download, byId as $ } from './dom.js';

export class ExportButtons {
  /**
   * @param {{csv: string, json: string, note?: string}} ids  The buttons' ids in index.html, and an optional status line's.
   */
  constructor(ids) {
    this.csv = /** @type {HTMLButtonElement} */ ($(ids.csv));
    this.json = /** @type {HTMLButtonElement} */ ($(ids.json));
    this.note = ids.note ? $(ids.note) : null;
  }

  /** @param {boolean} on  There is something to export. */
  enable(on) {
    this.csv.disabled = this.json.disabled = !on;
    this.say('');
  }

  /** @param {string} text  What the last export held ('' hides the line). */
  say(text) {
    if (!this.note) return;
    this.note.textContent = text;
    this.note.hidden = !text;
  }

  /**
   * @param {string} text
   * @param {string} name
   * @param {string} type  MIME type.
   */
  download(text, name, type) {
    download(text, name, type);
  }

  /** @param {(format: 'csv'|'json') => void} fn */
  bind(fn) {
    this.csv.addEventListener('click', () => fn('csv'));
    this.json.addEventListener('click', () => fn('json'));
  }
}
