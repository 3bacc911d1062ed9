def outer():
    x = 1
    await x
