# logging.config: dictConfig (formatters, filters, handlers, loggers, root,
# incremental, disable_existing_loggers, ext:// and cfg://, "()" factories,
# "." attributes, errors) and fileConfig from an INI text.
import io
import sys
import logging
import logging.config
import logging.handlers


class Sink(logging.Handler):
    """Keeps formatted records."""
    def __init__(self, label='sink', level=logging.NOTSET):
        super().__init__(level)
        self.label = label
        self.seen = []

    def emit(self, record):
        self.seen.append(self.format(record))


class Upper(logging.Formatter):
    def format(self, record):
        return super().format(record).upper()


def make_formatter(fmt, suffix):
    return logging.Formatter(fmt + suffix)


class OnlyLevel(logging.Filter):
    def __init__(self, level):
        super().__init__()
        self.level = level

    def filter(self, record):
        return record.levelno == self.level


def no_secret(record):
    return 'secret' not in record.getMessage()


def show(handler):
    print(handler.name, type(handler).__name__, logging.getLevelName(handler.level),
          handler.formatter._fmt if handler.formatter else None,
          [type(f).__name__ for f in handler.filters])


old = logging.getLogger('old.service')
old_child = logging.getLogger('app.old.child')

config = {
    'version': 1,
    'formatters': {
        'brief': {'format': '%(levelname)s:%(name)s:%(message)s'},
        'braces': {'format': '{name}|{levelname}|{message}', 'style': '{'},
        'upper': {'()': Upper, 'fmt': '%(message)s'},
        'factory': {'()': '__main__.make_formatter', 'fmt': '[%(message)s]',
                    'suffix': '!'},
        'classy': {'class': '__main__.Upper', 'format': '<%(message)s>'},
        'dflt': {'format': '%(message)s %(tag)s', 'defaults': {'tag': 'T'}},
        'loose': {'format': 'no fields', 'validate': False},
    },
    'filters': {
        'app_only': {'name': 'app'},
        'warn_only': {'()': OnlyLevel, 'level': logging.WARNING},
    },
    'handlers': {
        'console': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                    'formatter': 'brief', 'level': 'INFO'},
        'braced': {'class': 'logging.StreamHandler', 'stream': 'cfg://custom.out',
                   'formatter': 'braces', 'filters': ['warn_only', no_secret]},
        'sink': {'()': Sink, 'label': 'main', 'formatter': 'upper',
                 '.': {'extra_attr': 42}},
        'buffer': {'class': 'logging.handlers.MemoryHandler', 'capacity': 10,
                   'target': 'sink', 'level': 'DEBUG'},
        'fact': {'()': '__main__.Sink', 'formatter': 'factory'},
        'classy': {'class': Sink, 'formatter': 'classy', 'filters': ['app_only']},
        'dflt': {'class': '__main__.Sink', 'formatter': 'dflt'},
        'loose': {'class': '__main__.Sink', 'formatter': 'loose'},
    },
    'loggers': {
        'app': {'level': 'DEBUG', 'handlers': ['console', 'braced', 'buffer'],
                'propagate': False},
        'app.db': {'level': logging.WARNING, 'handlers': ['fact', 'classy']},
        'other': {'handlers': ['dflt', 'loose'], 'filters': ['app_only']},
    },
    'root': {'level': 'ERROR', 'handlers': ['console']},
    'custom': {'out': 'ext://sys.stdout', 'list': [1, {'x': 'deep'}]},
}
logging.config.dictConfig(config)
for name in sorted(logging.getHandlerNames()):
    show(logging.getHandlerByName(name))
print(logging.getHandlerByName('sink').extra_attr, logging.getHandlerByName('sink').label)
print(logging.getHandlerByName('buffer').target is logging.getHandlerByName('sink'))
print(logging.getHandlerByName('braced').stream is sys.stdout)
app = logging.getLogger('app')
db = logging.getLogger('app.db')
print(app.level, app.propagate, [h.name for h in app.handlers])
print(db.level, db.propagate, [h.name for h in db.handlers])
print(logging.getLogger().level, [h.name for h in logging.getLogger().handlers])
print(old.disabled, old_child.disabled, logging.getLogger('app.old').disabled)

app.debug('debug from app')
app.info('info from app')
app.warning('warning from app')
app.warning('a secret warning')
db.info('db info')
db.warning('db warning')
db.error('db error')
logging.getLogger('other').warning('filtered out by app_only')
logging.getLogger('elsewhere').error('root error')
logging.getLogger('elsewhere').warning('root drops warning')
sys.stdout.flush()
for name in ('sink', 'fact', 'classy', 'dflt', 'loose'):
    print(name, logging.getHandlerByName(name).seen)
print(logging.getHandlerByName('buffer').buffer.__len__())
logging.getHandlerByName('buffer').flush()
print(logging.getHandlerByName('sink').seen)

# cfg:// paths
conv = logging.config.BaseConfigurator({'a': {'b': [10, {'c': 'found'}]}, 'n': {'1': 'str key'}})
for path in ('a.b[0]', 'a.b[1].c', 'a.b[1][c]', 'n[1]', 'missing'):
    try:
        print(path, conv.cfg_convert(path))
    except KeyError as e:
        print(path, 'KeyError', e)
print(conv.convert('cfg://a.b[0]'), conv.convert('ext://logging.INFO'), conv.convert('plain'))
for bad in ('!!', 'a.b[0]x'):
    try:
        conv.cfg_convert(bad)
    except ValueError as e:
        print('ValueError', e)
try:
    conv.resolve('no_such_module_xyz.thing')
except ValueError as e:
    print('ValueError', e)
print(conv.resolve('logging.handlers.MemoryHandler').__name__, conv.as_tuple([1, 2]))
print(logging.config.valid_ident('abc'))
try:
    logging.config.valid_ident('1abc')
except ValueError as e:
    print('ValueError', e)

# incremental: levels only
logging.config.dictConfig({
    'version': 1, 'incremental': True,
    'handlers': {'console': {'level': 'WARNING', 'formatter': 'ignored'}},
    'loggers': {'app': {'level': 'ERROR', 'handlers': ['ignored']}},
    'root': {'level': 'CRITICAL'},
})
show(logging.getHandlerByName('console'))
print(app.level, [h.name for h in app.handlers], logging.getLogger().level)
try:
    logging.config.dictConfig({'version': 1, 'incremental': True,
                               'handlers': {'nope': {'level': 'INFO'}}})
except ValueError as e:
    print('ValueError', e)

# a new configuration closes the old handlers and disables old loggers
before = logging.getHandlerByName('console')
logging.config.dictConfig({
    'version': 1,
    'handlers': {'out': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                         'formatter': 'f'}},
    'formatters': {'f': {'format': 'new %(name)s %(message)s'}},
    'loggers': {'app.db': {'handlers': ['out'], 'level': 'INFO'}},
})
print(sorted(logging.getHandlerNames()), before in logging.getLogger().handlers,
      before._closed)
print(app.disabled, db.disabled, logging.getLogger('other').disabled, db.propagate)
db.info('still configured')
app.critical('app disabled')
logging.getLogger('app.db.child').info('child of configured logger')
sys.stdout.flush()

child = logging.getLogger('keep.child')
child.setLevel(logging.DEBUG)
child.propagate = False
child.addHandler(Sink())
logging.config.dictConfig({
    'version': 1, 'disable_existing_loggers': False,
    'handlers': {'out': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout'}},
    'loggers': {'keep': {'handlers': ['out'], 'level': 'INFO'}},
})
print(app.disabled, logging.getLogger('other').disabled, child.level, child.handlers,
      child.propagate)
child.info('child reset, reaches keep')
logging.getLogger('elsewhere').error('root has no handler any more')
sys.stdout.flush()

# queue handler with its listener
logging.config.dictConfig({
    'version': 1,
    'handlers': {
        'target': {'()': Sink, 'label': 't', 'formatter': 'f'},
        'q': {'class': 'logging.handlers.QueueHandler', 'handlers': ['target'],
              'respect_handler_level': True},
    },
    'formatters': {'f': {'format': 'Q %(message)s'}},
    'root': {'handlers': ['q'], 'level': 'DEBUG'},
})
qh = logging.getHandlerByName('q')
print(type(qh.queue).__name__, type(qh.listener).__name__,
      qh.listener.respect_handler_level,
      [h.name for h in qh.listener.handlers])
qh.listener.start()
logging.getLogger('via.queue').info('through the queue %d', 1)
qh.listener.stop()
print(logging.getHandlerByName('target').seen)

# errors
def attempt(cfg):
    try:
        logging.config.dictConfig(cfg)
        print('configured')
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e, '|', type(e.__cause__).__name__, e.__cause__)

attempt({})
attempt({'version': 2})
attempt({'version': 1, 'handlers': {'h': {'class': 'logging.StreamHandler', 'level': 'LOUD'}}})
attempt({'version': 1, 'handlers': {'h': {'class': 'logging.NoSuchHandler'}}})
attempt({'version': 1, 'handlers': {'h': {'class': 'logging.StreamHandler',
                                          'formatter': 'missing'}}})
attempt({'version': 1, 'handlers': {'h': {'class': 'logging.StreamHandler',
                                          'filters': ['missing']}}})
attempt({'version': 1, 'handlers': {'h': {'class': 'logging.handlers.MemoryHandler',
                                          'capacity': 1, 'target': 'missing'}}})
attempt({'version': 1, 'formatters': {'f': {'format': '%(x)', 'style': '%'}}})
attempt({'version': 1, 'formatters': {'f': {'format': '%(message)s', 'style': '?'}}})
attempt({'version': 1, 'loggers': {'x': {'handlers': ['missing']}}})
attempt({'version': 1, 'loggers': {'x': {'level': 'LOUD'}}})
attempt({'version': 1, 'root': {'level': 'LOUD'}})
attempt({'version': 1, 'filters': {'f': {'()': 'no_such_module_xyz.F'}}})
attempt({'version': 1, 'handlers': {'q': {'class': 'logging.handlers.QueueHandler',
                                          'queue': 'logging.INFO'}}})
attempt({'version': 1, 'handlers': {'h': {'class': 'logging.StreamHandler',
                                          'bogus_arg': 1}}})

# fileConfig
ini = io.StringIO("""
[loggers]
keys=root,svc

[handlers]
keys=console,mem

[formatters]
keys=simple,braced

[logger_root]
level=WARNING
handlers=console

[logger_svc]
level=DEBUG
handlers=mem
qualname=svc
propagate=0

[handler_console]
class=StreamHandler
level=INFO
formatter=simple
args=(sys.stdout,)

[handler_mem]
class=handlers.MemoryHandler
formatter=braced
args=(2, ERROR)
target=console

[formatter_simple]
format=ini %(levelname)s %(name)s: %(message)s

[formatter_braced]
format={levelname} {name} {message}
style={
""")
keep = logging.getLogger('ini.old')
logging.config.fileConfig(ini)
print(sorted(logging.getHandlerNames()), keep.disabled)
svc = logging.getLogger('svc')
print(svc.level, svc.propagate, [h.name for h in svc.handlers],
      logging.getLogger().level)
svc.debug('svc debug')
svc.info('svc info')
print(len(logging.getHandlerByName('mem').buffer))
svc.error('svc error flushes')
logging.getLogger('ini.other').warning('root console')
sys.stdout.flush()

# queue handlers: queue factories, listener classes, handler lists by cfg://
import queue


class MyListener(logging.handlers.QueueListener):
    pass


logging.config.dictConfig({
    'version': 1,
    'formatters': {'f': {'format': 'QQ %(levelname)s %(message)s'}},
    'handlers': {
        'out': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                'formatter': 'f'},
        'qh': {'class': 'logging.handlers.QueueHandler',
               'queue': {'()': 'queue.Queue', 'maxsize': 10},
               'listener': MyListener, 'handlers': ['out']},
        'qh2': {'class': 'logging.handlers.QueueHandler', 'queue': queue.Queue(),
                'handlers': 'cfg://lists.h'},
    },
    'lists': {'h': ['out']},
    'root': {'handlers': ['qh', 'qh2'], 'level': 'INFO'},
})
qh = logging.getHandlerByName('qh')
qh2 = logging.getHandlerByName('qh2')
print(type(qh.queue).__name__, qh.queue.maxsize, type(qh.listener).__name__,
      type(qh2.queue).__name__, qh2.listener.handlers[0].name)
qh.listener.start()
qh2.listener.start()
logging.info('via two queues')
qh.listener.stop()
qh2.listener.stop()
sys.stdout.flush()
attempt({'version': 1, 'handlers': {'q': {'class': 'logging.handlers.QueueHandler',
                                          'queue': {'maxsize': 1}}}})
try:
    logging.config.dictConfig({'version': 1, 'handlers': {
        'q': {'class': 'logging.handlers.QueueHandler', 'queue': queue.SimpleQueue()}}})
except ValueError as e:
    print('ValueError', e, '|', str(e.__cause__).split(' <')[0])
attempt({'version': 1, 'handlers': {'q': {'class': 'logging.handlers.QueueHandler',
                                          'listener': int}}})
attempt({'version': 1, 'handlers': {'q': {'class': 'logging.handlers.QueueHandler',
                                          'handlers': ['nope']}}})
logging.config.dictConfig({'version': 1, 'root': {'level': 'DEBUG'},
                           'loggers': {'root': {'level': 'ERROR'}}})
print(logging.root.level, logging.getLogger('root') is logging.root)
