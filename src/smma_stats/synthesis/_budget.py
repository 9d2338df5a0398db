"""How long the two searches look before giving up, and the greedy walk both take.

Both stages walk the same way (greedy moves down a tightening tolerance, an
exhaustive step of a few moves for the last decimals, random kicks between
rounds), so they share :func:`descend`, these budgets and the hint of the
error raised when a budget runs out.
"""

# Greedy moves per descent at one tolerance, and moves without progress
# after which that descent stops.
STAGE_BUDGET, PATIENCE = 40_000, 8_000
# Moves scored together by the exhaustive two-move step (pairs: this squared).
POLISH_MOVES = 700
# Kick-and-descend rounds per start.
ROUNDS = 20
# Stage-1 results tried when stage 2 cannot meet alpha on their sums.
SUM_STARTS = 4
HINT = " (a looser 'tolerance', more respondents or more items make targets easier)"


def descend(search, u, tol: float, patience: int = PATIENCE) -> bool:
    """Greedy moves (``search.move``, undone when ``search.key`` rises) until ``search.met``.

    Gives up after ``patience`` moves without a lower key, or ``STAGE_BUDGET`` in all.
    """
    key, stall, done = search.key(tol), 0, search.met(tol)
    for _ in range(STAGE_BUDGET):
        if done:
            return True
        stall += 1
        if stall > patience:
            return False
        moved = search.move(u)
        if moved is None:
            continue
        new_key = search.key(tol, key)
        if new_key > key:
            search.undo(moved)
            continue
        if new_key < key:
            stall = 0
        key = new_key
        done = search.met(tol)
    return done
