# locale: torii's locale module, written after CPython 3.13's documented
# behaviour for the only locales torii has, C (alias POSIX) and C.UTF-8:
# setlocale, localeconv, nl_langinfo, getlocale, the encodings, number
# formatting and parsing (format_string, str, atof, ...), strcoll/strxfrm
# and normalize() with the common locale aliases.
"""Locale services for torii: the C and C.UTF-8 locales only."""

import os
import re
import sys
import threading

__all__ = ["getlocale", "getdefaultlocale", "getpreferredencoding", "Error",
           "setlocale", "localeconv", "strcoll", "strxfrm",
           "str", "atof", "atoi", "format_string", "currency",
           "normalize", "LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_MONETARY",
           "LC_NUMERIC", "LC_ALL", "CHAR_MAX", "getencoding", "LC_MESSAGES"]

_builtin_str = str


class Error(Exception):
    """A locale that cannot be set or queried."""


# glibc's categories, in the order a composite LC_ALL name lists them
LC_CTYPE, LC_NUMERIC, LC_TIME, LC_COLLATE, LC_MONETARY, LC_MESSAGES, LC_ALL = range(7)
_CATEGORY_NAMES = {0: 'LC_CTYPE', 1: 'LC_NUMERIC', 2: 'LC_TIME', 3: 'LC_COLLATE',
                   4: 'LC_MONETARY', 5: 'LC_MESSAGES', 7: 'LC_PAPER', 8: 'LC_NAME',
                   9: 'LC_ADDRESS', 10: 'LC_TELEPHONE', 11: 'LC_MEASUREMENT',
                   12: 'LC_IDENTIFICATION'}
CHAR_MAX = 127


# --- the locale state ---------------------------------------------------

def _known(name):
    """The name setlocale records for `name`, or None when torii lacks it:
    C, POSIX (recorded as C) and C.<utf-8 or utf8>[@modifier] as given."""
    if name in ('C', 'POSIX'):
        return 'C'
    m = re.fullmatch(r'(utf-?8)(@.*)?', name[2:], re.IGNORECASE)
    return name if name[:2] == 'C.' and m else None


def _environment_name(category):
    # the locale the environment names for category, as the C library
    # reads it: LC_ALL, then the category's own variable, then LANG
    for var in ('LC_ALL', _CATEGORY_NAMES[category], 'LANG'):
        name = os.environ.get(var, '')
        if name:
            return name
    return 'C'


def _from_environment(category):
    # what setlocale(category, '') picks.  A C LC_CTYPE is taken as C.UTF-8
    # (CPython coerces it so at startup).  A locale torii lacks falls back
    # on C.UTF-8 or C, keeping whether it was UTF-8.
    name = _environment_name(category)
    known = _known(name)
    if known == 'C' and category == LC_CTYPE and not os.environ.get('LC_ALL'):
        return 'C.UTF-8'
    if known is not None:
        return known
    codeset = name.partition('.')[2].partition('@')[0]
    return 'C.UTF-8' if codeset.lower().replace('-', '') == 'utf8' else 'C'


# category -> name; replaced whole on every change, so threads see either
# the old or the new state
_state = {cat: 'C' for cat in _CATEGORY_NAMES}
_state[LC_CTYPE] = _from_environment(LC_CTYPE)
_state_lock = threading.Lock()

# CPython's UTF-8 mode, which it also turns on when started in the C locale
_UTF8_MODE = bool(sys.flags.utf8_mode) or os.environ.get('PYTHONUTF8') == '1' or (
    os.environ.get('PYTHONUTF8') != '0' and _known(_environment_name(LC_CTYPE)) == 'C')


def _all_name(state):
    names = [state[cat] for cat in _CATEGORY_NAMES]
    if len(set(names)) == 1:
        return names[0]
    return ';'.join('%s=%s' % (_CATEGORY_NAMES[cat], state[cat]) for cat in _CATEGORY_NAMES)


def _parse_all(name):
    # the per-category names of an LC_ALL setting, or None if unknown
    if ';' not in name and '=' not in name:
        if name == '':
            return {cat: _from_environment(cat) for cat in _CATEGORY_NAMES}
        known = _known(name)
        return None if known is None else dict.fromkeys(_CATEGORY_NAMES, known)
    by_name = {v: k for k, v in _CATEGORY_NAMES.items()}
    parsed = {}
    for part in name.split(';'):
        key, eq, value = part.partition('=')
        known = _known(value)
        if not eq or key not in by_name or known is None:
            return None
        parsed[by_name[key]] = known
    return parsed if len(parsed) == len(_CATEGORY_NAMES) else None


def _index(value):
    # value as an int, as operator.index() does it (torii's operator.index
    # raises AttributeError rather than TypeError for non-integers)
    return range(value).stop


def _build_localename(localetuple):
    """'language.encoding' from a (language, encoding) pair; None stands
    for C and for no encoding."""
    try:
        language, encoding = localetuple
    except (TypeError, ValueError):
        raise TypeError('Locale must be None, a string, or an iterable of '
                        'two strings -- language code, encoding.') from None
    if language is None:
        language = 'C'
    return language if encoding is None else language + '.' + encoding


def setlocale(category, locale=None):
    """Sets the locale of `category` (LC_ALL for all) and returns its name;
    with locale None only returns it.  torii has the locales 'C' (also
    'POSIX') and 'C.UTF-8'; '' picks one from the environment.  A
    (language, encoding) pair is accepted as well."""
    global _state
    if locale and not isinstance(locale, _builtin_str):
        locale = normalize(_build_localename(locale))
    category = _index(category)
    if locale is not None and not isinstance(locale, _builtin_str):
        raise TypeError('setlocale() argument 2 must be str or None, not %s'
                        % type(locale).__name__)
    if locale is not None and '\0' in locale:
        raise ValueError('embedded null character')
    if category != LC_ALL and category not in _CATEGORY_NAMES:
        raise Error('locale query failed' if locale is None else 'unsupported locale setting')
    with _state_lock:
        if locale is not None:
            if category == LC_ALL:
                new = _parse_all(locale)
            else:
                known = _from_environment(category) if locale == '' else _known(locale)
                new = None if known is None else {category: known}
            if new is None:
                raise Error('unsupported locale setting')
            _state = {**_state, **new}
        state = _state
    return _all_name(state) if category == LC_ALL else state[category]


def _codeset():
    return 'UTF-8' if '.' in _state[LC_CTYPE] else 'ANSI_X3.4-1968'


def getencoding():
    """The encoding of the current LC_CTYPE locale (UTF-8 mode or not)."""
    return _codeset()


def getpreferredencoding(do_setlocale=True):
    """The encoding text files use by default: getencoding(), of the
    environment's locale unless do_setlocale is false."""
    if _UTF8_MODE:
        return 'utf-8'
    if not do_setlocale:
        return getencoding()
    saved = setlocale(LC_CTYPE)
    try:
        setlocale(LC_CTYPE, '')
        return getencoding()
    finally:
        setlocale(LC_CTYPE, saved)


def localeconv():
    """The numeric and monetary conventions of the current locale (C's:
    '.' as the decimal point, no grouping, no currency)."""
    return {'int_curr_symbol': '', 'currency_symbol': '', 'mon_decimal_point': '',
            'mon_thousands_sep': '', 'mon_grouping': [], 'positive_sign': '',
            'negative_sign': '', 'int_frac_digits': CHAR_MAX, 'frac_digits': CHAR_MAX,
            'p_cs_precedes': CHAR_MAX, 'p_sep_by_space': CHAR_MAX,
            'n_cs_precedes': CHAR_MAX, 'n_sep_by_space': CHAR_MAX,
            'p_sign_posn': CHAR_MAX, 'n_sign_posn': CHAR_MAX,
            'decimal_point': '.', 'thousands_sep': '', 'grouping': []}


# --- nl_langinfo --------------------------------------------------------

_DAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July',
           'August', 'September', 'October', 'November', 'December')
CODESET, RADIXCHAR, THOUSEP, CRNCYSTR, YESEXPR, NOEXPR = 14, 65536, 65537, 262159, 327680, 327681
D_T_FMT, D_FMT, T_FMT, T_FMT_AMPM, AM_STR, PM_STR = 131112, 131113, 131114, 131115, 131110, 131111
ERA, ERA_D_FMT, ALT_DIGITS, ERA_D_T_FMT, ERA_T_FMT = 131116, 131118, 131119, 131120, 131121
_LANGINFO = {RADIXCHAR: '.', THOUSEP: '', CRNCYSTR: '-', YESEXPR: '^[yY]', NOEXPR: '^[nN]',
             D_T_FMT: '%a %b %e %H:%M:%S %Y', D_FMT: '%m/%d/%y', T_FMT: '%H:%M:%S',
             T_FMT_AMPM: '%I:%M:%S %p', AM_STR: 'AM', PM_STR: 'PM', ERA: '',
             ERA_D_FMT: '', ALT_DIGITS: '', ERA_D_T_FMT: '', ERA_T_FMT: ''}
for _i in range(7):
    globals()['DAY_%d' % (_i + 1)] = 131079 + _i
    globals()['ABDAY_%d' % (_i + 1)] = 131072 + _i
    _LANGINFO[131079 + _i] = _DAYS[_i]
    _LANGINFO[131072 + _i] = _DAYS[_i][:3]
for _i in range(12):
    globals()['MON_%d' % (_i + 1)] = 131098 + _i
    globals()['ABMON_%d' % (_i + 1)] = 131086 + _i
    _LANGINFO[131098 + _i] = _MONTHS[_i]
    _LANGINFO[131086 + _i] = _MONTHS[_i][:3]
del _i


def nl_langinfo(key):
    """The locale's value for one of the langinfo constants (CODESET,
    D_T_FMT, DAY_1, ...)."""
    key = _index(key)
    if key == CODESET:
        return _codeset()
    try:
        return _LANGINFO[key]
    except KeyError:
        raise ValueError('unsupported langinfo constant') from None


# --- collation ----------------------------------------------------------

def _text(value, func, what):
    if not isinstance(value, _builtin_str):
        raise TypeError('%s() argument %smust be str, not %s'
                        % (func, what, 'None' if value is None else type(value).__name__))
    if '\0' in value:
        raise ValueError('embedded null character')
    return value


def strcoll(a, b):
    """Compares two strings in the locale's collation order (code points
    in C): negative, zero or positive."""
    a = _text(a, 'strcoll', '1 ')
    b = _text(b, 'strcoll', '2 ')
    return (a > b) - (a < b)


def strxfrm(string):
    """A key that compares as strcoll() does (the string itself in C)."""
    return _text(string, 'strxfrm', '')


# --- numbers ------------------------------------------------------------

def _localize(formatted, grouping=False, monetary=False):
    # the locale's decimal point for '.'; grouping has nothing to add in C,
    # whose grouping is empty
    point = localeconv()['mon_decimal_point' if monetary else 'decimal_point']
    return point.join(formatted.split('.'))


def _format(percent, value, grouping=False, monetary=False, *additional):
    formatted = percent % ((value,) + additional if additional else value)
    if percent[-1] in 'eEfFgG':
        return _localize(formatted, grouping, monetary)
    return formatted


_PERCENT = re.compile(r'%(?:\((?P<key>.*?)\))?(?P<modifiers>[-#0-9 +*.hlL]*?)[eEfFgGdiouxXcrs%]')


def format_string(f, val, grouping=False, monetary=False):
    """f % val with each number in the locale's conventions; val is a
    value, a tuple or a mapping, as for the % operator."""
    import collections.abc
    pieces = []
    if isinstance(val, collections.abc.Mapping):
        for m in _PERCENT.finditer(f):
            spec = m.group()
            pieces.append('%' if spec[-1] == '%' else _format(spec, val, grouping, monetary))
    else:
        if not isinstance(val, tuple):
            val = (val,)
        at = 0
        for m in _PERCENT.finditer(f):
            spec = m.group()
            if spec[-1] == '%':
                pieces.append('%')
                continue
            stars = m.group('modifiers').count('*')
            pieces.append(_format(spec, val[at], grouping, monetary,
                                  *val[at + 1:at + 1 + stars]))
            at += 1 + stars
    return _PERCENT.sub('%s', f) % tuple(pieces)


def currency(val, symbol=True, grouping=False, international=False):
    """val as an amount of the locale's currency; the C locale has none."""
    # every locale torii has leaves frac_digits unset (CHAR_MAX), as C does
    raise ValueError("Currency formatting is not possible using the 'C' locale.")


def str(val):
    """A float as str() would show it, with the locale's decimal point."""
    return _format('%.12g', val)


def delocalize(string):
    """A number string in the locale's conventions, made Python's."""
    conv = localeconv()
    if conv['thousands_sep']:
        string = string.replace(conv['thousands_sep'], '')
    if conv['decimal_point']:
        string = string.replace(conv['decimal_point'], '.')
    return string


def localize(string, grouping=False, monetary=False):
    """A number string made the locale's."""
    return _localize(string, grouping, monetary)


def atof(string, func=float):
    """A number string in the locale's conventions, parsed by func."""
    return func(delocalize(string))


def atoi(string):
    """An integer string in the locale's conventions, as an int."""
    return int(delocalize(string))


# --- locale names -------------------------------------------------------

def _parse_localename(localename):
    """(language, encoding) of a locale name, (None, None) for C."""
    code = normalize(localename)
    if '@' in code:
        code, modifier = code.split('@', 1)
        if modifier == 'euro' and '.' not in code:
            return code, 'iso-8859-15'
    if '.' in code:
        return tuple(code.split('.')[:2])
    if code == 'C':
        return None, None
    if code == 'UTF-8':
        return None, 'UTF-8'
    raise ValueError('unknown locale: %s' % localename)


def getlocale(category=LC_CTYPE):
    """(language, encoding) of the category's current locale."""
    name = setlocale(category)
    if category == LC_ALL and ';' in name:
        raise TypeError('category LC_ALL is not supported')
    return _parse_localename(name)


def getdefaultlocale(envvars=('LC_ALL', 'LC_CTYPE', 'LANG', 'LANGUAGE')):
    """(language, encoding) named by the first of envvars that is set
    (deprecated)."""
    import warnings
    warnings.warn("'locale.getdefaultlocale' is deprecated and slated for removal "
                  "in Python 3.15. Use setlocale(), getencoding() and getlocale() "
                  "instead.", DeprecationWarning, stacklevel=2)
    name = 'C'
    for var in envvars:
        value = os.environ.get(var)
        if value:
            name = value.split(':')[0] if var == 'LANGUAGE' else value
            break
    return _parse_localename(name)


# Python codec names for common spellings of encodings (after lowering and
# turning runs of other characters into '_')
_CODEC_ALIASES = {}
for _codec, _names in {
        'utf_8': 'u8 utf utf8 utf8_ucs2 utf8_ucs4 cp65001',
        'latin_1': '8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 '
                   'iso_8859_1_1987 iso_ir_100 l1 latin latin1',
        'ascii': '646 ansi_x3_4_1968 ansi_x3.4_1968 ansi_x3.4_1986 cp367 csascii ibm367 '
                 'iso646_us iso_ir_6 us us_ascii',
        'iso8859_2': 'iso_8859_2 l2 latin2', 'iso8859_3': 'iso_8859_3 l3 latin3',
        'iso8859_4': 'iso_8859_4 l4 latin4', 'iso8859_5': 'cyrillic iso_8859_5',
        'iso8859_6': 'arabic iso_8859_6', 'iso8859_7': 'greek greek8 iso_8859_7',
        'iso8859_8': 'hebrew iso_8859_8', 'iso8859_9': 'iso_8859_9 l5 latin5',
        'iso8859_10': 'iso_8859_10 l6 latin6', 'iso8859_13': 'iso_8859_13 l7 latin7',
        'iso8859_14': 'iso_8859_14 l8 latin8', 'iso8859_15': 'iso_8859_15 l9 latin9',
        'iso8859_16': 'iso_8859_16 l10 latin10', 'euc_jp': 'eucjp ujis u_jis',
        'euc_kr': 'euckr korean ksc5601 ks_c_5601 ks_c_5601_1987 ksx1001 ks_x_1001',
        'shift_jis': 'csshiftjis shiftjis sjis s_jis', 'cp1251': 'windows_1251',
        'cp1255': 'windows_1255', 'cp1256': 'windows_1256',
        'iso2022_jp': 'csiso2022jp iso2022jp iso_2022_jp', 'kz1048': 'kz_1048 rk1048 strk1048_2002',
        'koi8_r': 'cskoi8r'}.items():
    for _name in _names.split():
        _CODEC_ALIASES[_name] = _codec
del _codec, _names, _name

# codec (or bare) encoding names -> the name a locale uses for them
locale_encoding_alias = {
    '437': 'C', 'c': 'C', 'en': 'ISO8859-1', 'jis': 'JIS7', 'jis7': 'JIS7',
    'ajec': 'eucJP', 'koi8c': 'KOI8-C', 'microsoftcp1251': 'CP1251',
    'microsoftcp1255': 'CP1255', 'microsoftcp1256': 'CP1256',
    '88591': 'ISO8859-1', '88592': 'ISO8859-2', '88595': 'ISO8859-5', '885915': 'ISO8859-15',
    'ascii': 'ISO8859-1', 'latin1': 'ISO8859-1', 'latin_1': 'ISO8859-1', 'utf_8': 'UTF-8', 'utf8': 'UTF-8',
    'euc_jp': 'eucJP', 'eucjp': 'eucJP', 'euc_kr': 'eucKR', 'euckr': 'eucKR',
    'iso2022_jp': 'JIS7', 'iso2022jp': 'JIS7', 'shift_jis': 'SJIS', 'shiftjis': 'SJIS',
    'cp1251': 'CP1251', 'cp1255': 'CP1255', 'cp1256': 'CP1256', 'kz1048': 'RK1048',
    'tactis': 'TACTIS',
}
for _n in ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '13', '14', '15', '16'):
    locale_encoding_alias['iso8859' + _n] = locale_encoding_alias['iso8859_' + _n] = 'ISO8859-' + _n
for _n in ('r', 't', 'u'):
    locale_encoding_alias['koi8' + _n] = locale_encoding_alias['koi8_' + _n] = 'KOI8-' + _n.upper()
del _n

# lower-case locale names (encodings without '-' and '_') -> their locale
locale_alias = dict(pair.split(':') for pair in """
    c:C c.ascii:C c.en:C c.iso88591:en_US.ISO8859-1 c.utf8:C.UTF-8 c_c:C
    c_c.c:C posix:C iso8859-1:en_US.ISO8859-1 iso-8859-1:en_US.ISO8859-1
    universal:en_US.utf universal.utf8@ucs4:en_US.UTF-8 en:en_US.ISO8859-1
    en_us:en_US.ISO8859-1 en_gb:en_GB.ISO8859-1 en_au:en_AU.ISO8859-1
    en_ca:en_CA.ISO8859-1 en_in:en_IN.ISO8859-1 en_ie:en_IE.ISO8859-1
    en_nz:en_NZ.ISO8859-1 en_za:en_ZA.ISO8859-1 de:de_DE.ISO8859-1
    de_de:de_DE.ISO8859-1 de_at:de_AT.ISO8859-1 de_ch:de_CH.ISO8859-1
    de_be:de_BE.ISO8859-1 de_lu:de_LU.ISO8859-1 fr:fr_FR.ISO8859-1
    fr_fr:fr_FR.ISO8859-1 fr_ca:fr_CA.ISO8859-1 fr_be:fr_BE.ISO8859-1
    fr_ch:fr_CH.ISO8859-1 fr_lu:fr_LU.ISO8859-1 es:es_ES.ISO8859-1
    es_es:es_ES.ISO8859-1 es_mx:es_MX.ISO8859-1 es_ar:es_AR.ISO8859-1
    es_cl:es_CL.ISO8859-1 es_co:es_CO.ISO8859-1 es_us:es_US.ISO8859-1
    it:it_IT.ISO8859-1 it_it:it_IT.ISO8859-1 it_ch:it_CH.ISO8859-1
    pt:pt_PT.ISO8859-1 pt_pt:pt_PT.ISO8859-1 pt_br:pt_BR.ISO8859-1
    nl:nl_NL.ISO8859-1 nl_nl:nl_NL.ISO8859-1 nl_be:nl_BE.ISO8859-1
    sv:sv_SE.ISO8859-1 sv_se:sv_SE.ISO8859-1 sv_fi:sv_FI.ISO8859-1
    da:da_DK.ISO8859-1 da_dk:da_DK.ISO8859-1 no:no_NO.ISO8859-1
    no_no:no_NO.ISO8859-1 nb_no:nb_NO.ISO8859-1 nn_no:nn_NO.ISO8859-1
    fi:fi_FI.ISO8859-15 fi_fi:fi_FI.ISO8859-15 pl:pl_PL.ISO8859-2
    pl_pl:pl_PL.ISO8859-2 cs:cs_CZ.ISO8859-2 cs_cz:cs_CZ.ISO8859-2
    sk:sk_SK.ISO8859-2 sk_sk:sk_SK.ISO8859-2 hu:hu_HU.ISO8859-2
    hu_hu:hu_HU.ISO8859-2 ro:ro_RO.ISO8859-2 ro_ro:ro_RO.ISO8859-2
    ru:ru_RU.UTF-8 ru_ru:ru_RU.UTF-8 ru_ua:ru_UA.KOI8-U uk:uk_UA.KOI8-U
    uk_ua:uk_UA.KOI8-U be:be_BY.CP1251 be_by:be_BY.CP1251
    be_by@latin:be_BY.UTF-8@latin el:el_GR.ISO8859-7 el_gr:el_GR.ISO8859-7
    tr:tr_TR.ISO8859-9 tr_tr:tr_TR.ISO8859-9 he:he_IL.ISO8859-8
    he_il:he_IL.ISO8859-8 iw:he_IL.ISO8859-8 iw_il:he_IL.ISO8859-8
    ar:ar_AA.ISO8859-6 ar_aa:ar_AA.ISO8859-6 ar_eg:ar_EG.ISO8859-6
    ar_sa:ar_SA.ISO8859-6 ja:ja_JP.eucJP ja_jp:ja_JP.eucJP
    ja_jp.euc:ja_JP.eucJP ja_jp.mscode:ja_JP.SJIS ja_jp.pck:ja_JP.SJIS
    ko:ko_KR.eucKR ko_kr:ko_KR.eucKR ko_kr.euc:ko_KR.eucKR zh:zh_CN.eucCN
    zh_cn:zh_CN.gb2312 zh_tw:zh_TW.big5 zh_hk:zh_HK.big5hkscs
    zh_sg:zh_SG.GB2312 zh_cn.big5:zh_TW.big5 zh_cn.euc:zh_CN.eucCN
    zh_tw.euc:zh_TW.eucTW th:th_TH.ISO8859-11 th_th:th_TH.ISO8859-11
    vi:vi_VN.TCVN vi_vn:vi_VN.TCVN hi_in:hi_IN.ISCII-DEV id:id_ID.ISO8859-1
    id_id:id_ID.ISO8859-1 ms:ms_MY.ISO8859-1 ms_my:ms_MY.ISO8859-1
    ca:ca_ES.ISO8859-1 ca_es:ca_ES.ISO8859-1
    ca_es@valencia:ca_ES.UTF-8@valencia eu:eu_ES.ISO8859-1
    eu_es:eu_ES.ISO8859-1 gl:gl_ES.ISO8859-1 gl_es:gl_ES.ISO8859-1
    hr:hr_HR.ISO8859-2 hr_hr:hr_HR.ISO8859-2 sr:sr_RS.UTF-8
    sr_rs:sr_RS.UTF-8 sr_rs@latn:sr_RS.UTF-8@latin sr@latn:sr_CS.UTF-8@latin
    sl:sl_SI.ISO8859-2 sl_si:sl_SI.ISO8859-2 bg:bg_BG.CP1251
    bg_bg:bg_BG.CP1251 lt:lt_LT.ISO8859-13 lt_lt:lt_LT.ISO8859-13
    lv:lv_LV.ISO8859-13 lv_lv:lv_LV.ISO8859-13 et:et_EE.ISO8859-15
    et_ee:et_EE.ISO8859-15 is:is_IS.ISO8859-1 is_is:is_IS.ISO8859-1
    ga:ga_IE.ISO8859-1 ga_ie:ga_IE.ISO8859-1 cy:cy_GB.ISO8859-1
    cy_gb:cy_GB.ISO8859-1 mk:mk_MK.ISO8859-5 mk_mk:mk_MK.ISO8859-5
    sq:sq_AL.ISO8859-2 sq_al:sq_AL.ISO8859-2 bs:bs_BA.ISO8859-2
    bs_ba:bs_BA.ISO8859-2 af:af_ZA.ISO8859-1 af_za:af_ZA.ISO8859-1
    fa:fa_IR.UTF-8 fa_ir:fa_IR.UTF-8 ka:ka_GE.GEORGIAN-ACADEMY
    ka_ge:ka_GE.GEORGIAN-ACADEMY hy_am:hy_AM.UTF-8 kk_kz:kk_KZ.ptcp154
    ta:ta_IN.TSCII-0 ta_in:ta_IN.TSCII-0 bn_in:bn_IN.UTF-8 ur:ur_PK.CP1256
    ur_pk:ur_PK.CP1256 english:en_EN.ISO8859-1 english_uk:en_GB.ISO8859-1
    english_us:en_US.ISO8859-1 german:de_DE.ISO8859-1 french:fr_FR.ISO8859-1
    spanish:es_ES.ISO8859-1 italian:it_IT.ISO8859-1 japanese:ja_JP.eucJP
    dutch:nl_NL.ISO8859-1 swedish:sv_SE.ISO8859-1 danish:da_DK.ISO8859-1
    norwegian:no_NO.ISO8859-1 finnish:fi_FI.ISO8859-1 polish:pl_PL.ISO8859-2
    czech:cs_CZ.ISO8859-2 russian:ru_RU.KOI8-R greek:el_GR.ISO8859-7
    turkish:tr_TR.ISO8859-9 hebrew:he_IL.ISO8859-8 korean:ko_KR.eucKR
    chinese-s:zh_CN.eucCN chinese-t:zh_TW.eucTW portuguese:pt_PT.ISO8859-1
    hungarian:hu_HU.ISO8859-2 romanian:ro_RO.ISO8859-2
    catalan:ca_ES.ISO8859-1""".split())


def _replace_encoding(code, encoding):
    # code with its encoding replaced by the locale spelling of `encoding`
    norm = re.sub(r'[^0-9a-z.]+', '_', encoding.lower()).strip('_')
    norm = _CODEC_ALIASES.get(norm, norm)
    return code.split('.')[0] + '.' + locale_encoding_alias.get(norm, norm)


def _append_modifier(code, modifier):
    # '@euro' asks for ISO8859-15 (UTF-8 and ISO8859-15 need no marker)
    if modifier != 'euro':
        return code + '@' + modifier
    encoding = code.partition('.')[2]
    if not encoding:
        return code + '.ISO8859-15'
    if encoding in ('ISO8859-15', 'UTF-8'):
        return code
    if encoding == 'ISO8859-1':
        return _replace_encoding(code, 'ISO8859-15')
    return code + '@' + modifier


def normalize(localename):
    """The locale name setlocale() expects for a name or alias, e.g.
    'en_US' -> 'en_US.ISO8859-1', 'de_DE@euro' -> 'de_DE.ISO8859-15';
    unknown names come back unchanged."""
    code, _, modifier = localename.lower().replace(':', '.').partition('@')
    lang, *rest = code.split('.')
    encoding = rest[0] if rest else ''
    at = '@' + modifier if modifier else ''
    lang_enc = lang + ('.' + encoding.replace('-', '').replace('_', '') if encoding else '')
    found = locale_alias.get(lang_enc + at)
    if found is not None:
        return found
    if modifier:
        found = locale_alias.get(lang_enc)
        if found is not None:
            if '@' not in found:
                return _append_modifier(found, modifier)
            if found.split('@', 1)[1].lower() == modifier:
                return found
    if encoding:
        found = locale_alias.get(lang + at)
        if found is not None:
            base, sep, mod = found.partition('@')
            return _replace_encoding(base, encoding) + sep + mod
        if modifier:
            found = locale_alias.get(lang)
            if found is not None and '@' not in found:
                return _append_modifier(_replace_encoding(found, encoding), modifier)
    return localename
