"""`make bench`: the production-style benchmark, its scale-out mode and the database-down drill.

Not a Django app and not run by the test suite; see the README's "Performance" section.
"""
