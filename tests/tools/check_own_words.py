#!/usr/bin/python3
"""Check that project texts are written in our own words.

Usage: check_own_words.py [--words N] REFERENCE_FILE FILE...

Every FILE is compared with REFERENCE_FILE (the source article the drill
catalogue is based on). Both are reduced to a stream of words: lowercase,
a word being a run of letters/digits with apostrophes allowed inside it.
Punctuation, markup and line breaks only separate words, so a phrase that
wraps over two lines still counts as one run. If any FILE shares a run of
N (default 8) or more consecutive words with the reference, every such run
is printed with its file and line and the script exits 1.

Exit status: 0 no shared run, 1 shared run found, 2 usage or read error,
77 REFERENCE_FILE absent (check skipped; the caller decides what that means).

Standard library only.
"""

import argparse
import html
import os
import re
import sys

DEFAULT_RUN = 8

# Curly quotes and similar become plain apostrophes so "don’t" == "don't".
_APOSTROPHES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'",
    "\u2032": "'", "`": "'",
})
# HTML/XML tags and comments: dropped (they separate words).
_TAGS = re.compile(r"<!--.*?-->|<[A-Za-z/!?][^<>]*>", re.S)
# Footnote markers glued to the end of a word, as in "injury.2" or
# "thing,1415": the digits are not part of the prose.
_FOOTNOTE = re.compile(r"(?<=[^\W\d_][.,;:!?\"\u201d')\]])\d{1,4}\b")
# A word: letters/digits, apostrophes only inside ("don't", not "'quoted'").
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def normalize(text):
    """Return the text prepared for tokenizing (same length not required)."""
    text = html.unescape(_TAGS.sub(" ", text))
    text = text.translate(_APOSTROPHES)
    text = _FOOTNOTE.sub(" ", text)
    return text.lower()


def words_with_lines(text):
    """List of (word, line number) for the whole text, line breaks ignored."""
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        # Tags never span lines in our own files; the reference is joined
        # as a whole below, so per-line processing is fine here.
        for m in _WORD.finditer(normalize(line)):
            out.append((m.group(0), lineno))
    return out


def reference_ngrams(text, n):
    words = _WORD.findall(normalize(text))
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def shared_runs(words, grams, n):
    """Yield (start, end) index ranges (end exclusive) of maximal runs of
    >= n consecutive words whose every n-gram occurs in the reference."""
    start = end = None
    for i in range(len(words) - n + 1):
        if tuple(w for w, _ in words[i:i + n]) in grams:
            if end is not None and i <= end - n + 1:
                end = i + n
            else:
                if start is not None:
                    yield start, end
                start, end = i, i + n
    if start is not None:
        yield start, end


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def main(argv):
    ap = argparse.ArgumentParser(
        description="Fail if a file shares a run of N consecutive words "
                    "with a reference text.")
    ap.add_argument("--words", type=int, default=DEFAULT_RUN, metavar="N",
                    help="shortest forbidden run (default %(default)s)")
    ap.add_argument("reference")
    ap.add_argument("files", nargs="+", metavar="FILE")
    args = ap.parse_args(argv)
    n = args.words
    if n < 2:
        ap.error("--words must be at least 2")

    if not os.path.exists(args.reference):
        print("%s: reference article absent, own-words check skipped"
              % args.reference)
        return 77

    try:
        grams = reference_ngrams(read(args.reference), n)
    except OSError as e:
        print("cannot read reference: %s" % e, file=sys.stderr)
        return 2

    failures = 0
    for path in args.files:
        try:
            text = read(path)
        except OSError as e:
            print("cannot read %s" % e, file=sys.stderr)
            return 2
        lines = text.splitlines()
        words = words_with_lines(text)
        for start, end in shared_runs(words, grams, n):
            failures += 1
            first, last = words[start][1], words[end - 1][1]
            where = str(first) if first == last else "%d-%d" % (first, last)
            run = " ".join(w for w, _ in words[start:end])
            print("%s:%s: %d-word run in common with the reference:"
                  % (path, where, end - start))
            for ln in range(first, last + 1):
                print("    %d| %s" % (ln, lines[ln - 1].strip()))
            print('    shared: "%s"' % run)

    if failures:
        print("%d shared run(s) of %d+ words with %s; rewrite them in your "
              "own words" % (failures, n, args.reference))
        return 1
    print("%d files checked, no %d-word run in common with %s"
          % (len(args.files), n, args.reference))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
