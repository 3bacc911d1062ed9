src = "a = 1\nb = undefined_thing + a\n"
exec(src, {})
