"""`vendorwatch serve` keeps the job runner alive: real child processes that exit or are killed."""

import itertools
import os
import signal
import sys
import threading
import time

import pytest

from vendorwatch.jobs.supervisor import RunnerSupervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def supervised():
    started = []

    def start(command, **options) -> RunnerSupervisor:
        supervisor = RunnerSupervisor(command, **options)
        supervisor.start()
        started.append(supervisor)
        return supervisor

    yield start
    for supervisor in started:
        supervisor.stop(timeout=5)


def test_a_runner_that_exits_is_started_again(supervised) -> None:
    supervisor = supervised(python("raise SystemExit(3)"), delays=(0.05,))
    assert wait_until(lambda: supervisor.starts >= 3)
    assert supervisor.exit_codes[:2] == [3, 3]


def test_a_killed_runner_is_started_again(supervised) -> None:
    supervisor = supervised(SLEEPER, delays=(0.05,))
    assert wait_until(lambda: supervisor.process is not None)
    first = supervisor.process
    os.kill(first.pid, signal.SIGKILL)
    assert wait_until(lambda: supervisor.starts == 2)
    assert supervisor.process.pid != first.pid
    assert supervisor.process.poll() is None
    assert supervisor.exit_codes == [-signal.SIGKILL]


def test_the_pause_grows_while_the_runner_dies_right_after_its_start(supervised, tmp_path) -> None:
    log = tmp_path / "starts"
    record = python(f"import time; open({str(log)!r}, 'a').write(f'{{time.monotonic()}}\\n')")
    supervised(record, delays=(0.1, 0.5), stable_after=30)
    assert wait_until(lambda: log.exists() and len(log.read_text().split()) >= 4)
    starts = [float(line) for line in log.read_text().split()]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert 0.1 <= gaps[0] < 0.5
    assert gaps[1] >= 0.5
    assert gaps[2] >= 0.5


def test_a_runner_that_ran_for_a_while_is_started_again_after_the_first_pause(
    supervised,
) -> None:
    # It lived longer than "stable": each death starts the pauses anew, never the long one.
    supervisor = supervised(
        python("import time; time.sleep(0.4)"), delays=(0.05, 30.0), stable_after=0.2
    )
    assert wait_until(lambda: supervisor.starts >= 3, timeout=5)


def test_stopping_ends_the_runner_and_starts_no_other(supervised) -> None:
    supervisor = supervised(SLEEPER, delays=(0.05,))
    assert wait_until(lambda: supervisor.process is not None)
    supervisor.stop(timeout=5)
    assert supervisor.process.poll() is not None
    time.sleep(0.3)
    assert supervisor.starts == 1


def test_the_runner_does_not_get_the_terminals_ctrl_c(supervised) -> None:
    # Its own session: Ctrl+C stops the web server, and serve then stops the runner in order.
    supervisor = supervised(SLEEPER, delays=(0.05,))
    assert wait_until(lambda: supervisor.process is not None)
    assert os.getsid(supervisor.process.pid) != os.getsid(0)


def test_a_forked_web_worker_leaving_does_not_stop_the_runner(supervised) -> None:
    # gunicorn's workers are forks of the serving process and leave through its `finally`.
    supervisor = supervised(SLEEPER, delays=(0.05,))
    assert wait_until(lambda: supervisor.process is not None)
    child = os.fork()
    if child == 0:
        supervisor.stop(timeout=1)
        os._exit(0)
    os.waitpid(child, 0)
    time.sleep(0.2)
    assert supervisor.process.poll() is None
    assert supervisor.starts == 1


def test_a_fork_waits_until_a_runner_has_started() -> None:
    # A process forked while a runner starts would hold the start's pipe open for ever.
    from vendorwatch.jobs import supervisor

    forked: list[int] = []

    def fork() -> None:
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        forked.append(pid)
        os.waitpid(pid, 0)

    with supervisor._starting:
        thread = threading.Thread(target=fork)
        thread.start()
        time.sleep(0.3)
        assert forked == []
    thread.join(timeout=10)
    assert len(forked) == 1
