# tarfile: reading archives made by GNU tar 1.34 (gnu, pax, ustar, v7 formats
# and a tar.gz from tar -z), members, links, pax records, extraction.
import tarfile, io, base64, gzip, os, shutil

BLOBS = {
    'gnu': (
        'H4sIAAAAAAACA+2YTW6DMBCFvc4pfALswX/bHoBLoJKEqDRUDpHSI/UcvVgdpEoJikizsNPE75PQ'
        'SIDE4s17nqERLDoy4Iw5VnJGntZfGGmptaPSKQr3nVWaccMSsN8Ntec81KWfe2/tP9gT0ojXevX9'
        'VQyHIar+VusZ/c25/kTWGcYl9I/OqD4DudKINqr3/+Z/O/G/tKWE/1PQLruuX8AHGfu/9g27s//l'
        'xfOfUoRT5v4vRCFeqn67rjbbt/j6j1pPamgGfdYLR/3DSMirlPnv+3620a49f1j/d0H8e1yCgTz0'
        'v3n/V1pZh/0/l/wvJU3z34QjAfn/3Pm/ij7bgX+T/zPzP5G6kP8a+38KDgBEAMn6KPm/+3yP/I1x'
        '/nfulv8/yoT8L9sEE0Lm+Q8AAAAAAPLiB0YEX00AKAAA'
    ),
    'pax': (
        'H4sIAAAAAAACA+2ZTW7CMBCFveYUOQGxPf6BBfsue4WIBFIJCkqClB6p5+jFaqIi0jQFsrAR5H1S'
        'ZCQjETR673nG0/g1qV+yJM2KMk6ZF7jDKNWsju7KuVVMKK6UFdKSYFwcP7OoZgE4lFVSuFdh44R4'
        'lFRv22wh7NwYa+YzPuXWuqLMFE3c7vLvLv3sMvDwpLH/32gkrvVxFVbz9nqio38hSLFIh9T/ocyK'
        'S99bF/urf7Jtbg9T/5b/L5PV1+e0qquw/i9kt/5SSQ3/D4Hk0T6p8kV6Lv4EmTAm//ck+n79/+P/'
        'uqN/cvss4iH1P1L/b6oPGYxY/638z/3YwPD+T5BG/4f+DwTQf+41+2/Lf9M9/x9bAuR/APJss9lB'
        'ycj/Jv+TIvWr/1vzXxJH/iP/QYD89yP6QfnPe/t/EeJwgvnv2f83u/e1h+ea/xMXv+tP0miC/4dA'
        'EJ0GwJ6qf/WJMXC+p/79l3jw/R9pV2fc/z1T/S/7f6f/J+LWwP/D+P/s7v6/wq3jWPTf5/9CUI//'
        'K8z/QlAD4AE46wP2/+XH1vP859b5r5AS5z/Mf4F//XsSfUf/1toB819ptDv/Sf/T39Gf/wAAAAAA'
        'AAAAAAAAAAAAAAAAADwH3xFPFYQAUAAA'
    ),
    'ustar': (
        'H4sIAAAAAAACA+3WQQ6CMBAF0Fl7Ck4gndLS8xCLssBoCiR6JM/hxSwmJIYY1EVrtP9tZgELmp9f'
        'xuYUnPCM1uNko8XjnBAroZRhaQomwcyFokxTBEPXV85/ytDVbum9nTu+POR4kGn+CJtvqu31su5P'
        'fdD8S6UW8tez/Av/nDKB/IO7p0+QKps3Qbv/Xv/LWf8lS4H+x9DUbXtYoQcJ979ylr7cf/H0/88x'
        'Lqfk97/uvI+x/xvzQf6y1H7/l+HTTz5/AAAAAAAAAAAAAAAA+C83VKgqjwAoAAA='
    ),
    'v7': (
        'H4sIAAAAAAACA+3WSwrCMBSF4YxdhSuwuWke6ylG6aAiaAe6JNfhxoxCQTsQHaQS+3+TC52lh5Pc'
        'WKnsdBKcu08JTj/PgRKrrQ1iQi3pu6+1U0unCjIcZJiFiNW62V4vq/7UZ/013to3+bvX/EUb79VS'
        'kX92j/QV5ipWbdbuf9Z/P7r/gxGh/1NoN123X9CDGfe/OUT14/7r8ftf2/T+yxSX0+z3v+N5N8X+'
        'H8I3+WuT9n9TTvrF5g8AAAAAAAAAAID/cgOSOdDXACgAAA=='
    ),
}
TGZ = (
    'H4sIAAAAAAAAA+2YTU7DMBCFveYUPkHs8e+WA+QSEaYUERopTaVyJM7BxXDDhloopouxQZ5Pihwl'
    'kTzR8zzPOAiGjox4a9cxko7rPRhpjAflNTAJ8Yli3OKHxtjpuAwz52yepmXru9z7f0oQD8Pu471b'
    'znh/dxHYGbOhv030V9JoxiVaRN9oXP9V/dpBENUIYo+a+xfy+e9S//fOUf6XYP84jtNd7SiIWsT8'
    'H+aAO0c+/9P672v/hxLm1Hj+d6IT9/10eOqfDy9Ic+T0B2+u1oIEcLEk5D1SPFc0rn8QYxS/xlWg'
    '8SSylND/5v5fG6st9f8l+Av+rySk/m/jlkD+X4CK/r9Dr+2ILKX8fyP/AfQP/q+o/y/BmSAQqL2u'
    'id8RxPHtFXmOtf73/obzH7Aq+r/CP/1p3v8JgiAIgiCItvgEUsLncwAoAAA='
)

def dump(t):
    for m in t.getmembers():
        print(" ", m.name, m.type, m.size, oct(m.mode), m.mtime, m.uid, m.gid, m.uname, m.gname,
              m.linkname, m.offset, m.offset_data, sorted(m.pax_headers.items()))
    t.list()

for fmt, blob in BLOBS.items():
    raw = gzip.decompress(base64.b64decode(blob))
    print(fmt, len(raw), tarfile.is_tarfile(io.BytesIO(raw)))
    with tarfile.open(fileobj=io.BytesIO(raw)) as t:
        dump(t)
        for m in t:
            if m.isfile() or m.islnk() or m.issym():
                try:
                    print("   data", m.name, t.extractfile(m).read()[:12])
                except KeyError as e:
                    print("   data", m.name, "KeyError", e)
        t.extractall("x_" + fmt, filter="data")
    for root, dirs, files in sorted(os.walk("x_" + fmt)):
        print(" ", root, sorted(dirs), sorted(files))
    shutil.rmtree("x_" + fmt)
raw = base64.b64decode(TGZ)
for mode in ("r:gz", "r|gz", "r:*"):
    with tarfile.open(fileobj=io.BytesIO(raw), mode=mode) as t:
        print(mode, [(m.name, m.size) for m in t])
