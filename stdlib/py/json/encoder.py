"""json.encoder: JSONEncoder (defined in json)."""
from json import JSONEncoder, encode_basestring, encode_basestring_ascii
