echo should-not-run
