"""Python mirror of the seed loader (src/parse/seed.rs, text.rs, assemble.rs):
returns the article text as the product recognises it: paragraphs joined by "\n\n".
Checked afterwards by the Rust alignment test against the real loader."""
import os, sys, unicodedata

# ../shared beside the repository, as the Rust tests find it.
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
CORPUS = os.path.join(ROOT, "..", "shared", "corpora", "news", "ukraine2022") + os.sep


def decode(b):
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    t = b.decode("utf-8", errors="replace")
    out = []
    i = 0
    while i < len(t):
        c = t[i]
        if c == "\r":
            if i + 1 < len(t) and t[i + 1] == "\n":
                pass
            else:
                out.append("\n")
        elif c in "\n\t":
            out.append(c)
        elif unicodedata.category(c) == "Cc":
            pass
        else:
            out.append(c)
        i += 1
    return "".join(out)


def split_paragraphs(body):
    paras, cur = [], []

    def flush():
        if cur:
            paras.append(" ".join(cur))
            cur.clear()

    for line in body.split("\n"):
        tr = line.strip()
        if not tr:
            flush()
            continue
        indented = line.startswith("  ") or line.startswith("\t")
        if indented and cur:
            flush()
        cur.extend(tr.split())
    flush()
    return paras


def split_source(first):
    for dash in [" - ", " \u2013 ", " \u2014 "]:
        at = first.find(dash)
        if at >= 0:
            name = first[:at].strip()
            rest = first[at + len(dash):].strip()
            words = name.split()
            ok = (words and len(words) <= 5 and len(name) <= 40 and rest
                  and all(w[0].isupper() or w[0].isdigit() for w in words)
                  and not any(c in '.,:;!?"()' for c in name))
            return (name, rest) if ok else None
    return None


def load(fname):
    t = decode(open(CORPUS + fname, "rb").read())
    rest = t.lstrip()
    assert rest.startswith("date") and rest[4] in " \t", fname
    after = rest[4:].lstrip(" \t")
    end = next((i for i, c in enumerate(after) if c.isspace()), len(after))
    body = after[end:]
    paras = split_paragraphs(body)
    s = split_source(paras[0]) if paras else None
    if s:
        paras[0] = s[1]
    return "\n\n".join(paras)


if __name__ == "__main__":
    print(load(sys.argv[1]))
