# errno: Linux's numbers, errorcode's choice among aliases, and agreement
# with the OSError subclasses.
import errno
import os

print(errno.ENOENT, errno.EEXIST, errno.EACCES, errno.ENOTDIR, errno.EISDIR,
      errno.EINVAL, errno.ENOTEMPTY, errno.EXDEV, errno.ELOOP, errno.ERFKILL)
print(errno.EAGAIN == errno.EWOULDBLOCK, errno.EDEADLK == errno.EDEADLOCK,
      errno.ENOTSUP == errno.EOPNOTSUPP)
print(errno.errorcode[11], errno.errorcode[35], errno.errorcode[95], len(errno.errorcode))
names = sorted(n for n in dir(errno) if n.startswith('E'))
print(len(names), names[:5], names[-3:])
print(all(getattr(errno, errno.errorcode[k]) == k for k in errno.errorcode))
try:
    os.stat('no-such-file')
except FileNotFoundError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
print(OSError(errno.EEXIST, 'x').__class__.__name__, OSError(errno.EISDIR, 'y').__class__.__name__)
