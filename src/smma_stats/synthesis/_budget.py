"""How long the two searches look before giving up.

Both stages walk the same way (greedy moves down a tightening tolerance, an
exhaustive step of a few moves for the last decimals, random kicks between
rounds), so they share these budgets and the hint of the error raised when
a budget runs out.
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
