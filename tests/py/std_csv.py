# csv: reader state machine, writer quoting, dialects, Dict helpers, Sniffer.
import csv, io
def t(f,*a,**k):
    try: r=f(*a,**k); print(repr(list(r) if hasattr(r,'__next__') else r))
    except Exception as e: print(type(e).__name__, e)
t(csv.reader, ['a\0b'])
t(csv.reader, ['a,"b'])
t(csv.reader, ['a,"b'], strict=True)
t(csv.reader, ['a,b\\'], escapechar='\\')
t(csv.reader, ['a,b\\'], escapechar='\\', strict=True)
t(csv.reader, ['1,"2",,abc'], quoting=csv.QUOTE_NONNUMERIC)
t(csv.reader, ['1,"2",,3'], quoting=csv.QUOTE_NONNUMERIC)
t(csv.reader, ['1,"2",,3,""'], quoting=csv.QUOTE_STRINGS)
t(csv.reader, ['1,"2",,3,""'], quoting=csv.QUOTE_NOTNULL)
t(csv.reader, ['a,  b, "c"'], skipinitialspace=True)
t(csv.reader, ['a,  , "c",  '], skipinitialspace=True)
for kw in [dict(delimiter='ab'), dict(delimiter=1), dict(delimiter=None), dict(quotechar='ab'), dict(quotechar=1),
   dict(escapechar='ab'), dict(escapechar=2), dict(lineterminator=1), dict(quoting=9), dict(quoting='a'),
   dict(quotechar=None), dict(quotechar=None, quoting=csv.QUOTE_ALL), dict(delimiter=' '), dict(delimiter='\n'),
   dict(quotechar=' '), dict(delimiter='"'), dict(escapechar='"'), dict(delimiter='\\', escapechar='\\'),
   dict(lineterminator='x', delimiter='x'), dict(delimiter=''), dict(doublequote=[]), dict(strict=None), dict(bogus=1)]:
    print(kw, end=' '); t(lambda: csv.reader([], **kw).dialect.quoting)
t(csv.reader, [], 'nope')
t(csv.reader, [b'a'])
t(csv.reader, 5)
s=io.StringIO()
w=csv.writer(s)
print(w.writerow(['a', 'b,c', 'd"e', 'f\ng', None, 1.5, '', ' x ']), repr(s.getvalue()))
for q in range(6):
    s=io.StringIO(); w=csv.writer(s, quoting=q, escapechar='\\')
    t(w.writerow, ['a', 1, None, '', 'b,c', 'q"q', 'e\\e'])
    t(w.writerow, [''])
    t(w.writerow, [None])
    t(w.writerow, [])
    print(repr(s.getvalue()))
s=io.StringIO(); w=csv.writer(s, quoting=csv.QUOTE_NONE)
t(w.writerow, ['a,b'])
t(w.writerow, [''])
t(w.writerow, 5)
s=io.StringIO(); w=csv.writer(s, delimiter=' ', skipinitialspace=True)
t(w.writerow, ['', 'a', ' b', None]); print(repr(s.getvalue()))
s=io.StringIO(); w=csv.writer(s, skipinitialspace=True)
t(w.writerow, [' b', 'c']); print(repr(s.getvalue()))
s=io.StringIO(); w=csv.writer(s, doublequote=False)
t(w.writerow, ['a"b']); print(repr(s.getvalue()))
s=io.StringIO(); w=csv.writer(s, doublequote=False, escapechar='\\')
t(w.writerow, ['a"b', 'c\\d']); print(repr(s.getvalue()))
s=io.StringIO(); w=csv.writer(s, lineterminator='X')
t(w.writerow, ['aXb', 'c\rd']); print(repr(s.getvalue()))
t(csv.reader, ['a\rb'])
t(csv.reader, ['a\r\n', 'b\n'])
t(csv.reader, ['"a\n', 'b"\n'])
t(csv.reader, ['a\nb'])
t(csv.reader, ['"a"b,c'])
t(csv.reader, ['"a"b,c'], strict=True)
t(csv.reader, ['"a" ,c'], strict=True)
t(csv.reader, ['\\\n', 'x'], escapechar='\\')
t(csv.reader, ['a\\\r\n', 'x'], escapechar='\\')
t(csv.reader, ['"a\\"b"'], escapechar='\\')
t(csv.reader, ['"a\\'], escapechar='\\')
t(csv.reader, ['"a\\','b"'], escapechar='\\')
t(csv.reader, ['a"b"c,"d'], quoting=csv.QUOTE_NONE)
t(csv.reader, ['','a',''])
old=csv.field_size_limit(5); t(csv.reader, ['abcdef']); t(csv.reader, ['abcde']); print(csv.field_size_limit(old), csv.field_size_limit())
t(csv.field_size_limit, 'x')
t(csv.field_size_limit, 1, 2)
r=csv.reader(['a','"b\n','c"','d']); print([(x, r.line_num) for x in r])
print(csv.list_dialects(), csv.get_dialect('excel').delimiter)
t(csv.get_dialect, 'x'); t(csv.unregister_dialect, 'x'); t(csv.register_dialect, 1)
t(csv.register_dialect, 'x', delimiter='ab')
class D(csv.Dialect):
    delimiter=';'
t(D)
class E(csv.excel):
    delimiter='ab'
t(E)
t(csv.Dialect)
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.QUOTE_STRINGS, csv.QUOTE_NOTNULL, csv.__version__)
for kw in [dict(quotechar=' ', skipinitialspace=True), dict(escapechar=' '), dict(escapechar=' ', skipinitialspace=True),
  dict(delimiter=' ', skipinitialspace=True), dict(quotechar='\r'), dict(escapechar='\n'), dict(lineterminator='ab', quotechar='b'),
  dict(lineterminator='ab', escapechar='a'), dict(lineterminator=''), dict(quoting=True), dict(quoting=2.0), dict(delimiter='"', quotechar=None),
  dict(delimiter='"', quoting=csv.QUOTE_NONE), dict(escapechar=None, quotechar=None)]:
    print(kw, end=' '); t(lambda: csv.reader([], **kw).dialect.quoting)
d = csv.get_dialect('excel')
print(d.delimiter, d.quotechar, d.escapechar, d.doublequote, d.skipinitialspace, repr(d.lineterminator), d.quoting, d.strict)
t(setattr, d, 'delimiter', ';')
r = csv.reader([], delimiter=';'); print(r.dialect.delimiter, r.line_num)
w = csv.writer(io.StringIO()); print(w.dialect.delimiter)
print(csv.excel.delimiter, csv.excel_tab.delimiter, csv.unix_dialect.lineterminator, csv.unix_dialect.quoting)
csv.register_dialect('semi', delimiter=';', quoting=csv.QUOTE_ALL)
print(csv.get_dialect('semi').quoting, csv.list_dialects())
csv.register_dialect('ex2', csv.excel, delimiter='|'); print(csv.get_dialect('ex2').delimiter)
t(csv.reader, ['a|b'], 'ex2')
t(csv.reader, ['a|b'], csv.excel, delimiter='|')
t(csv.reader, ['a;b'], dialect='semi')
class X: delimiter=':'
t(csv.reader, ['a:b'], X)
t(csv.reader, ['a:b'], X())
t(csv.reader, ['a:b'], csv.excel_tab)
t(csv.reader, ['a\tb'], 'excel-tab')
t(csv.reader, ['1," 2"'], quoting=csv.QUOTE_NONNUMERIC)
t(csv.reader, ['1, 2'], quoting=csv.QUOTE_NONNUMERIC)
t(csv.reader, ['"a,"b'], strict=False)
t(csv.reader, ['  "a"'], skipinitialspace=True)
t(csv.reader, ['  '], skipinitialspace=True)
t(csv.reader, [' '], skipinitialspace=True, quoting=csv.QUOTE_NOTNULL)
t(csv.reader, ['a,b'], quotechar=None)
t(csv.reader, ['a,"b"'], quoting=csv.QUOTE_NONE)
print(csv.Error.__mro__, csv.Dialect.__mro__)
t(csv.writer, 5)
t(csv.writer(io.StringIO()).writerow, [object.__new__(type('Z',(),{'__str__':lambda s: 1/0}))])
t(csv.writer(io.StringIO()).writerows, [['a'], 5])
s=io.StringIO(); csv.writer(s, quoting=csv.QUOTE_NONNUMERIC).writerow([1, 2.5, True, 'x', None, 3+0j]); print(repr(s.getvalue()))
# DictReader / DictWriter
data = 'name,age,city\nann,30,paris\n\nbob,25\ncid,40,rome,extra,more\n'
dr = csv.DictReader(io.StringIO(data))
print(dr.fieldnames, dr.line_num)
for row in dr:
    print(row, dr.line_num)
dr = csv.DictReader(io.StringIO('1;2\n3;4;5\n'), fieldnames=iter(['a', 'b', 'c']), restval='R',
                    restkey='K', delimiter=';')
print(list(dr), dr.fieldnames)
print(csv.DictReader(io.StringIO('')).fieldnames, list(csv.DictReader(io.StringIO(''))))
out = io.StringIO()
dw = csv.DictWriter(out, ['x', 'y'], restval='-')
print(dw.writeheader(), dw.writerow({'x': 1}), dw.writerows([{'y': 'a,b'}, {'x': None, 'y': 2}]))
print(repr(out.getvalue()))
t(dw.writerow, {'x': 1, 'z': 2})
t(csv.DictWriter, out, ['a'], extrasaction='bad')
dw = csv.DictWriter(out, ['a'], extrasaction='ignore'); dw.writerow({'a': 1, 'b': 2})
print(repr(out.getvalue()[-3:]))
# round trip
rows = [['a', 'b "q"', 'c,d', 'e\r\nf', '', ' s '], [1, 2.5, None, True]]
for q in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_STRINGS, csv.QUOTE_NOTNULL):
    out = io.StringIO()
    csv.writer(out, quoting=q).writerows(rows)
    print(q, repr(out.getvalue()))
    print(list(csv.reader(io.StringIO(out.getvalue(), newline=''), quoting=q if q in (0, 1, 5) else 0)))
out = io.StringIO()
csv.writer(out, dialect='unix').writerow(['a', 1]); csv.writer(out, 'excel-tab').writerow(['a\tb', 1])
print(repr(out.getvalue()))
# sniffer
sn = csv.Sniffer()
for sample in ['a,b,c\n1,2,3\n4,5,6\n', 'a;b;c\n1;2;3\n4;5;6\n', 'a\tb\n1\t2\n',
               '"a","b"\n"1","2"\n', "'x';'y'\n'1';'2'\n", 'name:age\nann:1\nbob:2\n']:
    d = sn.sniff(sample)
    print(repr(d.delimiter), repr(d.quotechar), d.doublequote, d.skipinitialspace)
print(sn.has_header('name,age\nann,30\nbob,25\n'), sn.has_header('1,2\n3,4\n5,6\n'))
t(lambda: sn.sniff('abc').delimiter)
t(lambda: sn.sniff('a b c\n1 2 3\n\n4 5 6\n').delimiter)
t(lambda: sn.sniff('a, b, c\n1, 2, 3\n').skipinitialspace)
t(lambda: sn.sniff('"a, b", "c"\n"1", "2"\n').skipinitialspace)
t(lambda: sn.sniff('x"y""z"w\n'))
t(lambda: sn.has_header('a,b,c\n1,2.5,x\n3,4,yy\n'))
t(lambda: sn.has_header('aaa,b\n123,4\n456,5\n'))
t(lambda: sn.sniff(''))
d = sn.sniff('a|b\n1|2\n', delimiters='|'); print(d.delimiter)
class K(csv.excel): quotechar=None
t(csv.reader, [], K)
class K2(csv.Dialect): quotechar=None; delimiter=','; quoting=0
t(K2)
class B:
    delimiter=1; doublequote=1; escapechar=1; lineterminator=1; quotechar=1; quoting='x'; skipinitialspace=1; strict=1
for drop in ['', 'delimiter', 'escapechar', 'lineterminator', 'quotechar', 'quoting']:
    if drop: delattr(B, drop)
    t(csv.reader, [], B)
