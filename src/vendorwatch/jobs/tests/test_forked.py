import os

import pytest

from vendorwatch.jobs.forked import ShareFailed, processes_for, run_shared


def test_each_share_runs_once_and_the_figures_come_back_in_order() -> None:
    parent = os.getpid()

    def run(share: list[int]) -> dict[str, int]:
        return {"sum": sum(share), "here": int(os.getpid() == parent)}

    figures = run_shared(list(range(10)), run, processes=3)
    assert [f["sum"] for f in figures] == [0 + 3 + 6 + 9, 1 + 4 + 7, 2 + 5 + 8]
    assert [f["here"] for f in figures] == [1, 0, 0]


def test_a_failed_share_is_raised_after_the_others_ended(tmp_path) -> None:
    def run(share: list[int]) -> dict[str, int]:
        if 1 in share:
            raise ValueError("bad part")
        (tmp_path / f"done-{share[0]}").touch()
        return {"n": len(share)}

    with pytest.raises(ShareFailed, match="ValueError: bad part"):
        run_shared([0, 1, 2], run, processes=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done-0", "done-2"]


def test_a_share_that_ends_its_process_is_reported() -> None:
    def run(share: list[int]) -> dict[str, int]:
        if 1 in share:
            os._exit(3)
        return {"n": len(share)}

    with pytest.raises(ShareFailed, match="ended early"):
        run_shared([0, 1], run, processes=2)


def test_one_part_runs_here_without_a_process() -> None:
    assert processes_for(1) == 1


@pytest.mark.django_db
def test_inside_a_transaction_nothing_is_forked() -> None:
    # A forked process would not see what the transaction has not committed yet.
    assert processes_for(8) == 1
