# continue may not leave an except* clause, even through a finally
while True:
    try:
        pass
    except* ValueError:
        try:
            pass
        finally:
            continue
