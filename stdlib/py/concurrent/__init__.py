# The `concurrent` package: see concurrent.futures.
