"""Shell-style tokenizing (torii's shlex).

split() breaks a command line into words the way a POSIX shell does,
quote() protects one word, join() is the inverse of split().  The shlex
class is the configurable tokenizer behind them; its attributes (wordchars,
whitespace, quotes, escape, escapedquotes, commenters, whitespace_split,
punctuation_chars, source, ...) decide what each character means.

The tokenizer is a small state machine.  `state` is ' ' between tokens,
'a' inside a word, 'c' inside a run of punctuation characters, the quote
character while inside quotes, the escape character right after an
escape, and None once the input is exhausted.
"""

import os
import sys
from collections import deque
from io import StringIO

__all__ = ["shlex", "split", "quote", "join"]

_LOWER = 'abcdfeghijklmnopqrstuvwxyz'      # (sic: d, f, e)
_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
_LATIN1_LETTERS = ('ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ' +
                   'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ')
_DEFAULT_PUNCTUATION = '();<>|&'
# Characters that are part of words when punctuation is split off
# (they occur in paths, options and globs).
_PATHISH = '~-./*?='


class shlex:
    """Tokenizer for shell-like text read from a stream or a str."""

    def __init__(self, instream=None, infile=None, posix=False,
                 punctuation_chars=False):
        if isinstance(instream, str):
            instream = StringIO(instream)
        if instream is None:
            instream, infile = sys.stdin, None
        self.instream = instream
        self.infile = infile
        self.posix = posix
        self.eof = None if posix else ''
        self.commenters = '#'
        letters = _LOWER + _UPPER + '0123456789_'
        if posix:
            letters += _LATIN1_LETTERS
        self.whitespace = ' \t\r\n'
        self.whitespace_split = False
        self.quotes = '\'"'
        self.escape = '\\'
        self.escapedquotes = '"'
        self.state = ' '
        self.pushback = deque()
        self.lineno = 1
        self.debug = 0
        self.token = ''
        self.filestack = deque()
        self.source = None
        if punctuation_chars is True:
            punctuation_chars = _DEFAULT_PUNCTUATION
        elif not punctuation_chars:
            punctuation_chars = ''
        self._punct = punctuation_chars
        # Characters read too far while splitting punctuation off a word.
        self._unread = deque()
        if punctuation_chars:
            letters = ''.join(ch for ch in letters + _PATHISH
                              if ch not in punctuation_chars)
        self.wordchars = letters

    @property
    def punctuation_chars(self):
        return self._punct

    def _say(self, level, text):
        # Debug output; level 0 means "whenever debug is set".
        if (self.debug >= level) if level else self.debug:
            print('shlex: ' + text)

    # -- token and input stacks -------------------------------------------

    def push_token(self, tok):
        """Make tok the next token get_token() returns."""
        self._say(1, 'pushing token ' + repr(tok))
        self.pushback.appendleft(tok)

    def push_source(self, newstream, newfile=None):
        """Read from newstream (a stream or a str) until it ends, then
        resume the current input."""
        if isinstance(newstream, str):
            newstream = StringIO(newstream)
        saved = (self.infile, self.instream, self.lineno)
        self.filestack.appendleft(saved)
        self.infile, self.instream, self.lineno = newfile, newstream, 1
        if newfile is None:
            self._say(0, 'pushing to stream %s' % (self.instream,))
        else:
            self._say(0, 'pushing to file %s' % (self.infile,))

    def pop_source(self):
        """Close the current input and resume the one pushed before it."""
        self.instream.close()
        self.infile, self.instream, self.lineno = self.filestack.popleft()
        self._say(0, 'popping to %s, line %d' % (self.instream, self.lineno))
        self.state = ' '

    def get_token(self):
        """Next token: a pushed-back one first, else one read from the
        input, entering files named after the `source` keyword and
        leaving finished ones.  Returns self.eof at the very end."""
        if self.pushback:
            tok = self.pushback.popleft()
            self._say(1, 'popping token ' + repr(tok))
            return tok
        tok = self.read_token()
        if self.source is not None:
            while tok == self.source:
                found = self.sourcehook(self.read_token())
                if found:
                    name, stream = found
                    self.push_source(stream, name)
                tok = self.get_token()
        while tok == self.eof:
            if not self.filestack:
                return self.eof
            self.pop_source()
            tok = self.get_token()
        self._say(1, 'token=' + repr(tok))
        return tok

    # -- the state machine --------------------------------------------------

    def _getc(self):
        if self._punct and self._unread:
            return self._unread.pop()
        return self.instream.read(1)

    def _skip_comment(self):
        self.instream.readline()
        self.lineno += 1

    def _finish(self):
        # True: the token read so far is complete and must be returned.
        # False: nothing to return yet, keep reading.
        return bool(self.token) or bool(self.posix and self._had_quotes)

    def _between(self, ch):
        # State ' ': nothing read yet for the coming token.
        if not ch:
            self.state = None
            return True
        if ch in self.whitespace:
            self._say(2, 'I see whitespace in whitespace state')
            return self._finish()
        if ch in self.commenters:
            self._skip_comment()
        elif self.posix and ch in self.escape:
            self._resume = 'a'
            self.state = ch
        elif ch in self.wordchars:
            self.token, self.state = ch, 'a'
        elif ch in self.punctuation_chars:
            self.token, self.state = ch, 'c'
        elif ch in self.quotes:
            if not self.posix:
                self.token = ch      # kept, quotes and all
            self.state = ch
        elif self.whitespace_split:
            self.token, self.state = ch, 'a'
        else:
            # A lone character makes a token of its own.
            self.token = ch
            return self._finish()
        return False

    def _in_quotes(self, ch):
        quote = self.state
        self._had_quotes = True
        if not ch:
            self._say(2, 'I see EOF in quotes state')
            raise ValueError("No closing quotation")
        if ch == quote:
            if self.posix:
                self.state = 'a'     # the word may go on after the quote
                return False
            self.token += ch
            self.state = ' '
            return True
        if (self.posix and ch in self.escape
                and quote in self.escapedquotes):
            self._resume = quote
            self.state = ch
        else:
            self.token += ch
        return False

    def _after_escape(self, ch):
        esc = self.state
        if not ch:
            self._say(2, 'I see EOF in escape state')
            raise ValueError("No escaped character")
        back = self._resume
        # Within quotes the escape only protects the quote and itself;
        # before anything else it stands for itself.
        if back in self.quotes and ch != esc and ch != back:
            self.token += esc
        self.token += ch
        self.state = back
        return False

    def _in_word(self, ch):
        # State 'a' (a word) or 'c' (a run of punctuation characters).
        if not ch:
            self.state = None
            return True
        if ch in self.whitespace:
            self._say(2, 'I see whitespace in word state')
            self.state = ' '
            return self._finish()
        if ch in self.commenters:
            self._skip_comment()
            if not self.posix:
                return False
            self.state = ' '
            return self._finish()
        if self.state == 'c':
            if ch in self.punctuation_chars:
                self.token += ch
                return False
            if ch not in self.whitespace:
                self._unread.append(ch)
            self.state = ' '
            return True
        if self.posix and ch in self.quotes:
            self.state = ch
        elif self.posix and ch in self.escape:
            self._resume = 'a'
            self.state = ch
        elif (ch in self.wordchars or ch in self.quotes
              or (self.whitespace_split
                  and ch not in self.punctuation_chars)):
            self.token += ch
        else:
            # The word stops here; ch is read again as what follows.
            if self.punctuation_chars:
                self._unread.append(ch)
            else:
                self.pushback.appendleft(ch)
            self._say(2, 'I see punctuation in word state')
            self.state = ' '
            return self._finish()
        return False

    def _step(self, ch):
        state = self.state
        if state is None:
            self.token = ''
            return True
        if state == ' ':
            return self._between(ch)
        if state in self.quotes:
            return self._in_quotes(ch)
        if state in self.escape:
            return self._after_escape(ch)
        if state in ('a', 'c'):
            return self._in_word(ch)
        return False

    def read_token(self):
        """Read one token from the input, ignoring the token pushback
        and `source` handling."""
        self._had_quotes = False
        self._resume = ' '
        while True:
            ch = self._getc()
            if ch == '\n':
                self.lineno += 1
            self._say(3, 'in state %r I see character: %r' % (self.state, ch))
            if self._step(ch):
                break
        tok, self.token = self.token, ''
        if tok == '' and self.posix and not self._had_quotes:
            tok = None
        if self.debug > 1:
            print('shlex: raw token=' + (repr(tok) if tok else 'EOF'))
        return tok

    # -- helpers for users --------------------------------------------------

    def sourcehook(self, newfile):
        """Open the file named after the `source` keyword: returns
        (name, file).  Relative names are taken relative to the directory
        of the file being read."""
        if newfile[0] == '"':
            newfile = newfile[1:-1]
        base = self.infile
        if isinstance(base, str) and not os.path.isabs(newfile):
            newfile = os.path.join(os.path.dirname(base), newfile)
        return newfile, open(newfile, "r")

    def error_leader(self, infile=None, lineno=None):
        """The '"file", line N: ' prefix of an error message (the current
        position by default)."""
        where = self.infile if infile is None else infile
        line = self.lineno if lineno is None else lineno
        return '"%s", line %d: ' % (where, line)

    def __iter__(self):
        return self

    def __next__(self):
        tok = self.get_token()
        if tok == self.eof:
            raise StopIteration
        return tok


def split(s, comments=False, posix=True):
    """The words of the command line s, as a POSIX shell (or with
    posix=False the older compatible mode) reads them; '#' comments are
    dropped only when comments is true."""
    if s is None:
        raise ValueError("s argument must not be None")
    lexer = shlex(s, posix=posix)
    lexer.whitespace_split = True
    if not comments:
        lexer.commenters = ''
    return [word for word in lexer]


def join(split_command):
    """One command line holding the given words, each quoted as needed."""
    return ' '.join([quote(word) for word in split_command])


# Words made only of these characters need no quoting.
_PLAIN = frozenset(_LOWER + _UPPER + '0123456789' + '_@%+=:,./-')


def _check_text(s):
    # The errors CPython's regular-expression based check gives.
    if isinstance(s, str):
        return
    if isinstance(s, (bytes, bytearray)):
        raise TypeError("cannot use a string pattern on a bytes-like object")
    raise TypeError("expected string or bytes-like object, got %r"
                    % type(s).__name__)


def quote(s):
    """s in a form a POSIX shell reads back as exactly one word."""
    if not s:
        return "''"
    _check_text(s)
    if all(ch in _PLAIN for ch in s):
        return s
    # Inside '...' nothing is special, except ' itself: close the quotes,
    # add a double-quoted ', and reopen them.
    return "'%s'" % s.replace("'", "'\"'\"'")
