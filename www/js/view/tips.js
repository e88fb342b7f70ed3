// The search tips (view-only): each tip of www/index.html's list
// (`li[data-tip]`) shows an example taken from the loaded collection when
// there is one (tips.js), else keeps its static example.

/** @typedef {import('../tips.js').Tips} Tips */

export class TipsView {
  constructor() {
    this.items = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.search-tips li[data-tip]')]);
    /** The static examples, to go back to. @type {Map<HTMLElement, string[]>} */
    this.fallback = new Map(this.items.map((li) => [li, [...li.querySelectorAll('code:not(.tip-word)')].map((c) => c.textContent ?? '')]));
  }

  /** @param {Tips} tips */
  render(tips) {
    for (const li of this.items) {
      const key = /** @type {keyof Tips} */ (li.dataset.tip);
      const fromCollection = tips[key];
      const texts = fromCollection ?? this.fallback.get(li) ?? [];
      const codes = /** @type {HTMLElement[]} */ ([...li.querySelectorAll('code:not(.tip-word)')]);
      codes.forEach((c, i) => {
        c.hidden = i >= texts.length;
        c.textContent = texts[i] ?? '';
      });
      if (fromCollection) li.dataset.from = 'collection';
      else delete li.dataset.from;
    }
  }
}
