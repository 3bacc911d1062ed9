# bench/classic/regex_scan.py [N]: scan a generated log of N lines with the re
# module: compiled patterns with groups, findall, finditer, search, sub with
# a string and with a function, and split.
import re
import sys

LEVELS = ["INFO", "WARN", "ERROR", "DEBUG"]
PATHS = ["/index.html", "/api/v1/users", "/api/v1/items/42", "/static/app.js", "/login"]

LINE_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] (\S+) (\d+) ([\d.]+)ms")
IP_RE = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b")
ERR_RE = re.compile(r"\[ERROR\].*?(/api/\S*)")
NUM_RE = re.compile(r"\d+")


def make_log(n):
    lines = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        level = LEVELS[x % 4]
        path = PATHS[(x >> 3) % 5]
        status = [200, 200, 200, 404, 500][(x >> 7) % 5]
        ms = (x >> 9) % 1000 / 10.0
        ip = "10.%d.%d.%d" % ((x >> 11) % 256, (x >> 13) % 256, (x >> 17) % 256)
        lines.append("2024-%02d-%02d %02d:%02d:%02d [%s] %s %d %.1fms from %s user=u%d"
                     % (x % 12 + 1, x % 28 + 1, i % 24, i % 60, (i * 7) % 60,
                        level, path, status, ms, ip, x % 100))
    return "\n".join(lines)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    text = make_log(n)
    statuses = {}
    slow = 0
    for line in text.split("\n"):
        m = LINE_RE.match(line)
        if m:
            st = m.group(9)
            statuses[st] = statuses.get(st, 0) + 1
            if float(m.group(10)) > 50.0:
                slow += 1
    ips = IP_RE.findall(text)
    octet_sum = sum(int(d) for ip in ips for d in ip)
    errors = [m.group(1) for m in ERR_RE.finditer(text)]
    masked = IP_RE.sub("x.x.x.x", text)
    bumped = NUM_RE.sub(lambda m: str(int(m.group(0)) + 1), text[:200000])
    users = re.findall(r"user=(u\d+)", text)
    words = re.split(r"[\s\[\]]+", text[:100000])
    first_warn = re.search(r"\[WARN\] (\S+)", text)
    print(f"regex_scan n={n} statuses={sorted(statuses.items())} slow={slow} ips={len(ips)} "
          f"octets={octet_sum} errors={len(errors)} masked={len(masked)} bumped={len(bumped)} "
          f"users={len(set(users))} words={len(words)} warn={first_warn.group(1)}")


main()
