"""Submits at once from threads, each with a database connection of its own: the way
several requests reach the engine together, on SQLite and on PostgreSQL alike."""

import threading

from django.db import close_old_connections, connection


def at_once(jobs):
    """Run the callables in threads released together; returns (results, errors)."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []
    lock = threading.Lock()

    def run(job):
        try:
            barrier.wait()
            value = job()
            with lock:
                results.append(value)
        except Exception as error:  # collected and asserted on by the test
            with lock:
                errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors
