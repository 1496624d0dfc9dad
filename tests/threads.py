"""Real concurrency for PostgreSQL tests: run work on several threads that start at the same moment."""

import threading

from django.db import connections


def run_together(jobs, work, threads=10):
    """Run `work(job)` for every job on `threads` threads released together; (results, errors)."""
    barrier = threading.Barrier(threads)
    results, errors = [], []
    lock = threading.Lock()

    def worker(share):
        try:
            barrier.wait()
            for job in share:
                outcome = work(job)
                with lock:
                    results.append(outcome)
        except Exception as error:  # collected and asserted on by the caller
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(jobs[n::threads],)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results, errors
