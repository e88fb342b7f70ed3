"""Apply an article's hand-written lexicon to its loaded text.

eval/ner-web/ann/<NNN>.ann (NNN: the file's number), one line per surface form the annotator decided on after reading:
    Surface | TYPE | entity-id          every whole-word occurrence of Surface (case-sensitive)
    Surface@2,5 | TYPE | entity-id      only occurrences 2 and 5 (1-based, all raw occurrences)
    Surface@2 | O                       occurrence 2 is no entity (overrides the default line)
    Prefix* | O                         from each occurrence of Prefix to the end of its paragraph: no entity
                                        (page furniture, without copying its text here)
Longer surfaces win over shorter ones overlapping them.
Usage: ann.py NNN [--show]     prints the marked text (--show) and the capitalised words no rule covers
       ann.py --all GOLD.jsonl writes the gold set from every ann/*.ann (offsets in characters of the
                               loaded text: paragraphs joined by a blank line)
Run from anywhere; ../shared must sit beside the repository.
"""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from load import load

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SAMPLE = [l.split()[0] for l in open(os.path.join(HERE, "sample.txt")) if l.strip() and not l.startswith("#")]


def fname_of(nnn):
    return next(f for f in SAMPLE if f.startswith(nnn + "_"))


def is_word(c):
    return c.isalnum()


def occurrences(text, s):
    out, i = [], 0
    while True:
        j = text.find(s, i)
        if j < 0:
            return out
        k = j + len(s)
        if (j == 0 or not is_word(text[j - 1])) and (k == len(text) or not is_word(text[k])):
            out.append(j)
        i = j + 1


def parse_ann(path):
    rules = []  # (surface, occs or None, type, entity)
    for ln, line in enumerate(open(path), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        surf = parts[0]
        occs = None
        m = re.match(r"^(.*)@([\d,]+)$", surf)
        if m:
            surf, occs = m.group(1), {int(x) for x in m.group(2).split(",")}
        typ = parts[1]
        ent = parts[2] if len(parts) > 2 else ""
        assert typ in ("PER", "ORG", "LOC", "O"), (path, ln, line)
        assert typ == "O" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ent), (path, ln, line)
        rules.append((surf, occs, typ, ent, ln))
    return rules


def apply(nnn):
    f = fname_of(nnn)
    text = load(f)
    rules = parse_ann(os.path.join(HERE, "ann", nnn + ".ann"))
    # decide each (surface, occurrence) -> label; specific beats default
    cands = {}
    for surf, occs, typ, ent, ln in rules:
        to_para_end = surf.endswith("*")
        if to_para_end:
            surf = surf[:-1]
        offs = occurrences(text, surf)
        if not offs:
            print(f"WARN {nnn}: line {ln}: '{surf}' not found", file=sys.stderr)
        if occs and max(occs) > len(offs):
            print(f"WARN {nnn}: line {ln}: '{surf}' has only {len(offs)} occurrences", file=sys.stderr)
        for n, o in enumerate(offs, 1):
            if occs is not None and n not in occs:
                continue
            end = o + len(surf)
            if to_para_end:
                nl = text.find("\n\n", o)
                end = len(text) if nl < 0 else nl
            key = (o, end)
            spec = 1 if occs is not None else 0
            if key in cands and cands[key][0] >= spec:
                if cands[key][0] == spec:
                    print(f"WARN {nnn}: line {ln}: '{surf}' duplicate rule", file=sys.stderr)
                continue
            cands[key] = (spec, typ, ent)
    # longest first, no overlaps
    spans = sorted(cands.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0]))
    taken = [False] * (len(text) + 1)
    out = []
    for (s, e), (_, typ, ent) in spans:
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            taken[i] = True
        if typ != "O":
            out.append({"file": f, "start": s, "end": e, "text": text[s:e], "type": typ, "entity": ent})
    out.sort(key=lambda m: m["start"])
    return f, text, out, taken


def show(nnn, marked):
    f, text, ms, taken = apply(nnn)
    if marked:
        res, at = [], 0
        for m in ms:
            res.append(text[at:m["start"]])
            res.append(f"[[{m['type']}:{m['entity']}|{m['text']}]]")
            at = m["end"]
        res.append(text[at:])
        print("".join(res))
    # uncovered capitalised words
    unc = {}
    for mt in re.finditer(r"\w[\w'.\-]*", text):
        w = mt.group(0)
        if w[0].isupper() and not any(taken[mt.start():mt.end()]):
            unc[w] = unc.get(w, 0) + 1
    print("UNCOVERED:", " ".join(f"{w}({n})" if n > 1 else w for w, n in sorted(unc.items())))
    print(f"{len(ms)} mentions")


if __name__ == "__main__":
    if sys.argv[1] == "--all":
        allm = []
        for fn in sorted(os.listdir(os.path.join(HERE, "ann"))):
            if fn.endswith(".ann"):
                allm += apply(fn[:-4])[2]
        with open(sys.argv[2], "w") as w:
            for m in allm:
                w.write(json.dumps(m, ensure_ascii=False) + "\n")
        ents = {}
        for m in allm:
            ents.setdefault(m["entity"], set()).add(m["type"])
        bad = {e: t for e, t in ents.items() if len(t) > 1}
        print(len(allm), "mentions,", len(ents), "entities; ids with two types:", bad)
    else:
        show(sys.argv[1], "--show" in sys.argv)
