// DOM helpers shared by the view modules (www/js/view/). Document text only
// ever becomes text nodes here; links are made only for http(s) URLs.

import { formatDate, showBidiControls } from '../format.js';

/** @typedef {import('../types.js').Segment} Segment */
/** @typedef {import('../types.js').EntityType} EntityType */

/**
 * A safe href for a segment link, or null: only absolute http(s) URLs.
 * @param {string|null|undefined} link
 * @returns {string|null}
 */
export function safeHref(link) {
  if (typeof link !== 'string' || !link) return null;
  let url;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** CSS class (and legend key) for each entity type. */
export const ENTITY_CLASS = /** @type {Record<EntityType, string>} */ ({
  PERSON: 'ent-person',
  ORGANIZATION: 'ent-org',
  LOCATION: 'ent-place',
});

/** Words for each entity type. */
export const ENTITY_WORD = /** @type {Record<EntityType, string>} */ ({
  PERSON: 'person',
  ORGANIZATION: 'organisation',
  LOCATION: 'place',
});

/**
 * @typedef {object} SegmentOptions
 * @property {'focusable'|'plain'|'expr'} [times]  How time expressions show:
 *   'focusable' (reader: a <time> that shows its value on hover and on keyboard
 *   focus), 'expr' (event list: the row's expression, marked), 'plain' (as text).
 * @property {boolean} [focus]  Wrap the focused sentence in span.reader-focus.
 * @property {((key: string) => string)|null} [entityHref]  Link entity mentions (the
 *   href of the entity view); without it they are not marked.
 */

/**
 * @param {Segment} seg
 * @param {SegmentOptions} opts
 * @returns {(string|null)[]}  One key per wrapping level: focus, time, entity.
 */
function levelKeys(seg, opts) {
  const ent = seg.entity;
  return [
    opts.focus && seg.focus === true ? 'focus' : null,
    opts.times && opts.times !== 'plain' && typeof seg.time === 'string' && seg.time ? seg.time : null,
    opts.entityHref && ent && typeof ent.key === 'string' && ent.key && ENTITY_CLASS[ent.type] ? `${ent.type}\u0000${ent.key}` : null,
  ];
}

/**
 * The element wrapping one level (focused sentence, time expression, entity).
 * @param {number} level
 * @param {Segment} seg
 * @param {SegmentOptions} opts
 * @returns {HTMLElement}
 */
function wrapper(level, seg, opts) {
  if (level === 0) return h('span', 'reader-focus');
  if (level === 1) {
    const value = /** @type {string} */ (seg.time);
    const t = /** @type {HTMLTimeElement} */ (h('time', opts.times === 'expr' ? 'tx ev-expr' : 'tx'));
    t.title = value;
    t.dataset.value = value;
    // The core says which values are also HTML datetimes (a day, month, year, ISO week).
    if (typeof seg.datetime === 'string' && seg.datetime) t.dateTime = seg.datetime;
    if (opts.times === 'focusable') t.tabIndex = 0;
    return t;
  }
  const ent = /** @type {{key: string, type: EntityType}} */ (seg.entity);
  const a = /** @type {HTMLAnchorElement} */ (h('a', `ent ${ENTITY_CLASS[ent.type]}`));
  a.href = opts.entityHref ? opts.entityHref(ent.key) : '#';
  a.dataset.entity = ent.key;
  a.dataset.type = ent.type;
  return a;
}

/**
 * Append segments to a node as text, <mark> and <a>; with options, also
 * <time> for time expressions, the focused sentence and entity mentions.
 * Consecutive segments of the same expression/sentence/entity share one element.
 * @param {Node} parent
 * @param {Segment[]|null|undefined} segments
 * @param {SegmentOptions} [opts]
 */
export function appendSegments(parent, segments, opts = {}) {
  if (!Array.isArray(segments)) return;
  /** @type {Node[]} */
  const stack = [parent];
  /** @type {(string|null)[]} */
  const open = [];
  const LEVELS = 3;
  for (const seg of segments) {
    if (!seg || typeof seg.text !== 'string' || seg.text === '') continue;
    const keys = levelKeys(seg, opts);
    let j = 0;
    while (j < open.length && open[j] === keys[j]) j++;
    open.length = j;
    stack.length = j + 1;
    for (let k = j; k < LEVELS; k++) {
      open.push(keys[k]);
      const top = stack[stack.length - 1];
      if (keys[k] === null) stack.push(top);
      else {
        const w = wrapper(k, seg, opts);
        top.appendChild(w);
        stack.push(w);
      }
    }
    const href = safeHref(seg.link);
    // No link inside an entity link (nested anchors).
    const link = href && open[2] === null;
    /** @type {Node} */
    let node = document.createTextNode(link ? showBidiControls(seg.text) : seg.text);
    if (seg.hit) {
      const mark = document.createElement('mark');
      mark.append(node);
      node = mark;
    }
    if (href && link) {
      const a = document.createElement('a');
      a.href = href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.className = 'ext';
      a.append(node);
      node = a;
    }
    stack[stack.length - 1].appendChild(node);
  }
}

/**
 * The `data-<key>` of the nearest element around `target` (a delegated click's target) that matches `selector`;
 * undefined when there is none, or it has no such data or an empty one.
 * @param {Element} target
 * @param {string} selector
 * @param {string} key
 * @returns {string|undefined}
 */
export function closestData(target, selector, key) {
  const el = target.closest(selector);
  return (el instanceof HTMLElement && el.dataset[key]) || undefined;
}

/**
 * The page element with this id (the views import it as `$`). The views look up only ids that index.html has.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Mark `title` (a headline element, or a link) as the article's lead
 * standing in for a headline the source did not give: set as a lead (class
 * `is-lead`) and said so to screen readers first, by words put at the start
 * of `label` (the title itself, or the element holding the link: never
 * inside a link, whose box they would stretch); `null` when there is no
 * lead to speak of (an article that is all page furniture). A result row
 * and an event row show such a title alike.
 * @param {HTMLElement} title
 * @param {HTMLElement|null} label
 */
export function markLead(title, label) {
  title.classList.add('is-lead');
  label?.prepend(h('span', 'visually-hidden', 'No headline; the article begins: '));
}

/**
 * <time> for an article date, or an "Undated" label.
 * @param {string|null} date
 * @param {'medium'|'long'} [style]
 */
export function timeEl(date, style = 'medium') {
  if (!date) return h('span', 'undated', 'Undated');
  const t = /** @type {HTMLTimeElement} */ (h('time', '', formatDate(date, style)));
  t.dateTime = date;
  return t;
}

/**
 * "20 Jan 2022 · Islam Times"
 * @param {HTMLElement} parent
 * @param {string|null} date
 * @param {string|null} source
 * @param {'medium'|'long'} [style]
 */
export function fillMeta(parent, date, source, style) {
  parent.append(timeEl(date, style));
  if (source) {
    parent.append(h('span', 'sep', ' · '));
    parent.append(h('span', 'source', source));
  }
}

/**
 * Offer text or bytes as a file download (Blob + a[download]).
 * @param {string|Uint8Array<ArrayBuffer>} text
 * @param {string} name
 * @param {string} type  MIME type.
 */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Select one item of a list (results or event rows): its <li> marked
 * is-selected (only one on the page), scrolled into view; focus: its link focused.
 * @param {HTMLAnchorElement} link
 * @param {boolean} focus
 */
export function selectLink(link, focus) {
  for (const li of document.querySelectorAll('li.is-selected')) li.classList.remove('is-selected');
  const li = link.closest('li');
  li?.classList.add('is-selected');
  if (focus) link.focus({ preventScroll: true });
  li?.scrollIntoView({ block: 'nearest' });
}
