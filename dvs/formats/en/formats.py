# The English interface writes and reads dates exactly as the Vietnamese one (dd/mm/yyyy,
# day first): a user who switches language must not see 01/03/2026 turn into 3 January.
from dvs.formats.vi.formats import *  # noqa: F403
