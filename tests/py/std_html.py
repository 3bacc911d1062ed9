# html.escape / html.unescape / html.entities
import html
import html.entities as he

print(html.escape('<a href="x">Tom & \'Jerry\'</a>'), html.escape('<"\'>&', quote=False), html.escape(''))
cases = ['no refs', '&amp;&lt;&gt;&quot;&#39;&#x27;', '&amp', '&ampx', '&amp;x', '&notit;', '&notin;', '&not',
         '&noti', '&copy2024', '&Eacute;cole', '&eacute', '&AMP;', '&nosuch;', '&;', '&', '& amp;', '&#',
         '&#;', '&#x;', '&#65', '&#x41;&#X42;&#x00043', '&#0;', '&#13;', '&#128;&#x80;&#x9f;&#129;&#x8d;',
         '&#1;&#8;&#11;&#14;&#x7f;&#xfdd0;&#xfffe;&#x1ffff;&#x10ffff;', '&#xd800;&#xdfff;&#x110000;',
         '&#99999999999999999999;', '&#9;&#10;&#32;&#x1F600;', '&NotNestedGreaterGreater;',
         '&bne;', '&fjlig;', '&ThickSpace;', 'a&lt;b&gt;c', '&LT&GT', '&lt&gt', '&abcdefghijklmnopqrstuvwxyzabcdefghij;',
         '&amp;amp;', '&&amp;', '&#x41&#65x']
for c in cases:
    print(repr(c), ascii(html.unescape(c)))
print(len(he.html5), len(he.name2codepoint), len(he.codepoint2name), len(he.entitydefs))
print(he.name2codepoint['amp'], he.name2codepoint['euro'], he.codepoint2name[0x3b1], he.entitydefs['nbsp'] == '\xa0')
print(he.html5['amp'], he.html5['amp;'], 'quot' in he.html5, 'apos;' in he.html5, 'apos' in he.name2codepoint)
print(sorted(he.name2codepoint)[:8], sorted(he.html5)[:8])
print(sum(he.name2codepoint.values()), sum(map(ord, ''.join(he.html5.values()))))
print(sorted(k for k in he.html5 if not k.endswith(';'))[:20])
print(html.__all__, html.unescape(html.escape('a<>&"\'b')))
