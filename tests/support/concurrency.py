"""Running requests really at the same time."""

import threading


def run_at_once(jobs):
    """Run callables in threads released together by a barrier; return their results in order."""
    results = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def worker(n, job):
        barrier.wait()
        results[n] = job()

    threads = [threading.Thread(target=worker, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
