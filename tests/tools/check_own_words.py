#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that project texts are written in our own words.

Usage:
  check_own_words.py --fingerprint FP [--reference REFERENCE] FILE...
  check_own_words.py --make-fingerprint REFERENCE [-o FP]

The source article the drill catalogue is based on is not part of the
project, so the check works from a fingerprint of it shipped in the tree
(tests/tools/reference-fingerprint.txt): a hash (first 16 hex digits of
SHA-256) of every run of N (8) consecutive words of the article, sorted and
de-duplicated, after an SPDX line and a one-line header naming this tool, N,
the hash and the article's file name. The fingerprint holds no text of the
article.

Both the article and every FILE are reduced to a stream of words:
lowercase, a word being a run of letters/digits with apostrophes allowed
inside it. Punctuation, markup and line breaks only separate words, so a
phrase that wraps over two lines still counts as one run. Each run of N
words of a FILE is hashed the same way; if any is in the fingerprint, every
maximal shared run is printed with its file and line (the project's own
words, as the article's are not at hand) and the script exits 1.

With --reference, if that file exists the fingerprint is regenerated from it
in memory and must equal FP byte for byte; a stale fingerprint is an error
that says how to regenerate it. An absent --reference is not an error: the
check then runs from the fingerprint alone.

--make-fingerprint writes the fingerprint of REFERENCE to FP (default
standard output).

Exit status: 0 no shared run, 1 shared run found or stale fingerprint,
2 usage or read error or malformed fingerprint.

Standard library only.
"""

import argparse
import hashlib
import html
import os
import re
import sys

DEFAULT_RUN = 8
TOOL = "check_own_words.py"
SPDX = "# SPDX-License-Identifier: GPL-3.0-or-later"
HASH_HEX = 16
HASH_NAME = "sha256/%d" % HASH_HEX
_HEADER = re.compile(r"# check_own_words\.py fingerprint: words=(\d+) "
                     r"hash=(\S+) source=(\S+)")
_HASH_LINE = re.compile(r"[0-9a-f]{%d}" % HASH_HEX)

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


def gram_hash(gram):
    """The fingerprint entry of one run of words: the first HASH_HEX hex
    digits of the SHA-256 of the words joined by single spaces."""
    data = " ".join(gram).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:HASH_HEX]


def make_fingerprint(text, n, name):
    """Fingerprint file contents for reference text TEXT called NAME."""
    hashes = sorted({gram_hash(g) for g in reference_ngrams(text, n)})
    header = (SPDX + "\n"
              + "# %s fingerprint: words=%d hash=%s source=%s\n"
              % (TOOL, n, HASH_NAME, name))
    return header + "".join(h + "\n" for h in hashes)


def parse_fingerprint(text):
    """Return (n, set of hashes) from fingerprint contents; ValueError if
    malformed."""
    lines = text.splitlines()
    if len(lines) < 2 or lines[0] != SPDX:
        raise ValueError("first line is not %r" % SPDX)
    m = _HEADER.fullmatch(lines[1])
    if not m:
        raise ValueError("bad header line %r" % lines[1])
    if m.group(2) != HASH_NAME:
        raise ValueError("hash %s, this tool uses %s" % (m.group(2), HASH_NAME))
    hashes = set()
    for lineno, line in enumerate(lines[2:], start=3):
        if not _HASH_LINE.fullmatch(line):
            raise ValueError("line %d: not a %d-digit hex hash" % (lineno, HASH_HEX))
        hashes.add(line)
    return int(m.group(1)), hashes


def shared_runs(words, hashes, n):
    """Yield (start, end) index ranges (end exclusive) of maximal runs of
    >= n consecutive words whose every n-gram's hash is in the fingerprint."""
    start = end = None
    for i in range(len(words) - n + 1):
        if gram_hash(w for w, _ in words[i:i + n]) in hashes:
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


def regenerate_hint(reference, fingerprint):
    return ("regenerate it with: python3 %s --make-fingerprint %s -o %s"
            % (os.path.abspath(sys.argv[0]), os.path.abspath(reference),
               os.path.abspath(fingerprint)))


def main(argv):
    ap = argparse.ArgumentParser(
        description="Fail if a file shares a run of N consecutive words "
                    "with the reference text whose fingerprint is given.")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--fingerprint", metavar="FP",
                      help="fingerprint of the reference to check FILEs "
                           "against")
    mode.add_argument("--make-fingerprint", metavar="REFERENCE",
                      help="write the fingerprint of REFERENCE and exit")
    ap.add_argument("--reference", metavar="REFERENCE",
                    help="with --fingerprint: if this file exists, FP must "
                         "be its up-to-date fingerprint")
    ap.add_argument("-o", "--output", metavar="FP",
                    help="with --make-fingerprint: file to write "
                         "(default standard output)")
    ap.add_argument("--words", type=int, default=DEFAULT_RUN, metavar="N",
                    help="with --make-fingerprint: run length "
                         "(default %(default)s)")
    ap.add_argument("files", nargs="*", metavar="FILE")
    args = ap.parse_args(argv)

    if args.make_fingerprint:
        if args.files or args.reference:
            ap.error("--make-fingerprint takes no FILE or --reference")
        if args.words < 2:
            ap.error("--words must be at least 2")
        try:
            fp = make_fingerprint(read(args.make_fingerprint), args.words,
                                  os.path.basename(args.make_fingerprint))
            if args.output:
                with open(args.output, "w", encoding="utf-8",
                          newline="\n") as f:
                    f.write(fp)
            else:
                sys.stdout.write(fp)
        except OSError as e:
            print("%s" % e, file=sys.stderr)
            return 2
        return 0

    if args.output:
        ap.error("-o goes with --make-fingerprint")
    if not args.files:
        ap.error("no FILE to check")

    try:
        fp_text = read(args.fingerprint)
        n, hashes = parse_fingerprint(fp_text)
    except OSError as e:
        print("cannot read fingerprint: %s" % e, file=sys.stderr)
        return 2
    except ValueError as e:
        print("%s: malformed fingerprint: %s" % (args.fingerprint, e),
              file=sys.stderr)
        if args.reference and os.path.exists(args.reference):
            print(regenerate_hint(args.reference, args.fingerprint),
                  file=sys.stderr)
        return 2
    if n < 2:
        print("%s: words=%d in the header, must be at least 2"
              % (args.fingerprint, n), file=sys.stderr)
        return 2

    if args.reference:
        if os.path.exists(args.reference):
            try:
                fresh = make_fingerprint(read(args.reference), n,
                                         os.path.basename(args.reference))
            except OSError as e:
                print("cannot read reference: %s" % e, file=sys.stderr)
                return 2
            if fresh != fp_text:
                print("%s is stale: it is not the fingerprint of %s"
                      % (args.fingerprint, args.reference))
                print(regenerate_hint(args.reference, args.fingerprint))
                return 1
            print("%s is up to date with %s"
                  % (args.fingerprint, args.reference))
        else:
            print("%s absent, checking from the fingerprint alone"
                  % args.reference)

    failures = 0
    for path in args.files:
        try:
            text = read(path)
        except OSError as e:
            print("cannot read %s" % e, file=sys.stderr)
            return 2
        lines = text.splitlines()
        words = words_with_lines(text)
        for start, end in shared_runs(words, hashes, n):
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
        print("%d shared run(s) of %d+ words with the reference "
              "fingerprinted in %s; rewrite them in your own words"
              % (failures, n, args.fingerprint))
        return 1
    print("%d files checked, no %d-word run in common with the reference "
          "fingerprinted in %s" % (len(args.files), n, args.fingerprint))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
