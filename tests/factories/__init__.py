"""factory_boy factories, one module per app; import them from here."""

from tests.factories.core import *  # noqa: F401,F403
from tests.factories.mapping import *  # noqa: F401,F403
from tests.factories.regions import *  # noqa: F401,F403
from tests.factories.reports import *  # noqa: F401,F403
from tests.factories.roadmap import *  # noqa: F401,F403
from tests.factories.workshops import *  # noqa: F401,F403
