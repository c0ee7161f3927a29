"""Run as ``python -m orgmodel``.

``python -m`` puts the working directory first on ``sys.path``: in a checkout of a hostile pull
request, a ``typer.py`` or ``yaml.py`` at its top would be imported in place of the library and run
its code. The console script ``orgmodel`` has no such entry, and neither does this: it is dropped
before anything but ``orgmodel`` itself is imported.
"""

import os
import sys

if sys.path and not sys.flags.safe_path and os.path.abspath(sys.path[0] or ".") == os.getcwd():
    del sys.path[0]

from orgmodel.launch import main  # after sys.path is made safe

main()
